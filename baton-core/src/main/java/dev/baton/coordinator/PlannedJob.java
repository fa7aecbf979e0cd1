package dev.baton.coordinator;

import tools.jackson.databind.node.ObjectNode;

/**
 * One job of a plan as the planner wrote it: the tool, its arguments, a priority (higher starts
 * first), its shares of the request's cost and time (any non-negative weights; normalised over
 * the plan) and why the planner chose it.
 */
public record PlannedJob(String tool, ObjectNode arguments, int priority, double costShare, double timeShare,
                         String rationale) {
}
