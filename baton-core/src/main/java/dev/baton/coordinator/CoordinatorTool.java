package dev.baton.coordinator;

/**
 * A tool the planner may choose: its name (the plan schema's {@code tool} enum), a description
 * and an argument schema for the planner, and whether it reads the other jobs' outputs (it then
 * starts after every other job of the plan has ended). Implementations are thread-safe.
 */
public interface CoordinatorTool {

    String name();

    /** What it finds or does, written for the planner. */
    String description();

    /** The JSON Schema (object) of its arguments, as JSON text. */
    String argumentsSchema();

    /** Whether it runs after the plan's other jobs and reads their outputs. */
    default boolean readsOtherJobs() {
        return false;
    }

    /**
     * Runs one job. Long work checks {@link Thread#interrupted()} (the job manager interrupts a
     * job past its time share) and reports what it has so far through {@link JobContext#progress}.
     */
    JobOutput run(JobContext context) throws Exception;
}
