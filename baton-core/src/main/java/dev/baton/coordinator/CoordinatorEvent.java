package dev.baton.coordinator;

import java.time.Instant;

/** What a request does as it runs, in order per job: planned, then each job's state changes, then completed. */
public sealed interface CoordinatorEvent {

    String requestId();

    Instant at();

    /** The planner is being asked. */
    record Planning(String requestId, Instant at) implements CoordinatorEvent {
    }

    /** The plan is ready: its jobs are queued. */
    record Planned(String requestId, Instant at, Plan plan) implements CoordinatorEvent {
    }

    /** A job changed state; {@code result} is set once it ended. */
    record JobChanged(String requestId, Instant at, String jobId, String tool, JobState state,
                      @org.jspecify.annotations.Nullable JobResult result) implements CoordinatorEvent {
    }

    /** The planner is writing the synthesis of the job results. */
    record Synthesizing(String requestId, Instant at) implements CoordinatorEvent {
    }

    /** The request ended. */
    record Completed(String requestId, Instant at, CoordinatorResponse response) implements CoordinatorEvent {
    }
}
