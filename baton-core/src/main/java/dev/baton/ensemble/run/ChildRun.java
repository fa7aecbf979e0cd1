package dev.baton.ensemble.run;

import org.jspecify.annotations.Nullable;

/**
 * The child run an ensemble or dispatch agent started: the ensemble it ran, its run id and how
 * it ended, its deliverable agent (null when none), and for a dispatch agent the target as
 * written ({@code ${route.target}}; null for {@code ensemble:} agents).
 */
public record ChildRun(String ensemble, String runId, RunStatus status, @Nullable String deliverable,
                       @Nullable String dispatch) {

    /** The record of {@code result}, started by an agent whose dispatch target is {@code dispatch} (or null). */
    public static ChildRun of(RunResult result, @Nullable String dispatch) {
        return new ChildRun(result.ensemble(), result.runId(), result.status(), result.deliverable(), dispatch);
    }
}
