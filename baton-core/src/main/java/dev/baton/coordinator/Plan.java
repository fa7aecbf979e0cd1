package dev.baton.coordinator;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** The planner's plan: its jobs (none: {@code answer} answers the question directly). */
public record Plan(List<PlannedJob> jobs, @Nullable String answer) {

    public Plan {
        jobs = List.copyOf(jobs);
    }
}
