package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobOutput;
import dev.baton.coordinator.JobResult;
import dev.baton.coordinator.JobState;
import dev.baton.coordinator.PlannedJob;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one job's tool on a virtual thread of its own and waits for it until the job's deadline;
 * past it the thread is interrupted and the job ends {@code ABORTED} with what it had, flagged
 * partial. A tool that throws ends {@code FAILED} (its code kept: {@code BUDGET_EXCEEDED} when
 * the budget guard refused a call), with what it had as a partial output.
 */
final class JobRunner {

    private final Clock clock;
    private final Duration grace;

    JobRunner(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    JobResult run(CoordinatorTool tool, DefaultJobContext context, JobManager.JobSlot slot) {
        Instant started = clock.instant();
        AtomicReference<JobOutput> output = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().name("baton-job-" + slot.jobId()).start(() -> {
            try {
                output.set(tool.run(context));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        boolean timedOut = false;
        try {
            long waitMs = Math.max(0, Duration.between(started, slot.deadline()).toMillis());
            if (!worker.join(Duration.ofMillis(Math.max(1, waitMs)))) {
                timedOut = true;
                worker.interrupt();
                worker.join(grace);
            }
        } catch (InterruptedException e) {
            // the request is being cancelled: stop the job and keep what it has
            timedOut = true;
            worker.interrupt();
            Thread.currentThread().interrupt();
        }
        Instant finished = clock.instant();
        Usage usage = context.meter().usage();
        List<String> models = context.meter().models();
        JobOutput out = output.get();
        if (out != null && !timedOut) {
            Usage total = usage.plus(out.usage());
            return result(slot, tool, JobState.COMPLETED, out.text(), false, started, finished, total,
                    union(models, out.models()), null);
        }
        String soFar = context.soFar();
        // the pipeline's deadline (the job's) may fire before the wait here does: the same overrun
        if (failure.get() instanceof BatonException be && be.code() == ErrorCode.TIMEOUT && !finished.isBefore(slot.deadline())) {
            timedOut = true;
        }
        if (timedOut) {
            return result(slot, tool, JobState.ABORTED, soFar, true, started, finished, usage, models,
                    new JobResult.JobError(ErrorCode.TIMEOUT.name(), "stopped at its time share of "
                            + Duration.between(started, slot.deadline()).toMillis() + " ms; returned what it had"));
        }
        Throwable t = failure.get();
        String code = t instanceof BatonException be ? be.code().name() : ErrorCode.AGENT_FAILURE.name();
        String message = t == null ? "ended without output" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return result(slot, tool, JobState.FAILED, soFar, !soFar.isEmpty(), started, finished, usage, models,
                new JobResult.JobError(code, message));
    }

    private static JobResult result(JobManager.JobSlot slot, CoordinatorTool tool, JobState state, String text,
                                    boolean partial, Instant started, Instant finished, Usage usage, List<String> models,
                                    JobResult.JobError error) {
        BigDecimal cost = usage.costUsd() == null ? BigDecimal.ZERO : usage.costUsd();
        return new JobResult(slot.jobId(), tool.name(), state, text == null ? "" : text, partial, slot.job().priority(),
                started, finished, Duration.between(started, finished), cost, usage.inputTokens(), usage.outputTokens(),
                slot.costLimit(), Duration.between(started, slot.deadline()).isNegative() ? Duration.ZERO
                        : Duration.between(started, slot.deadline()), models, error);
    }

    /** A job whose set-up failed before its tool ran. */
    static JobResult broken(JobManager.JobSlot slot, RuntimeException e, Instant at) {
        String code = e instanceof BatonException be ? be.code().name() : ErrorCode.AGENT_FAILURE.name();
        return new JobResult(slot.jobId(), slot.job().tool(), JobState.FAILED, "", false, slot.job().priority(), at, at,
                Duration.ZERO, BigDecimal.ZERO, 0, 0, slot.costLimit(), Duration.ZERO, List.of(),
                new JobResult.JobError(code, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** A job that never started (the request was cancelled first). */
    static JobResult notStarted(String jobId, PlannedJob job, Instant at) {
        return new JobResult(jobId, job.tool(), JobState.ABORTED, "", false, job.priority(), null, at, Duration.ZERO,
                BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, Duration.ZERO, List.of(),
                new JobResult.JobError(ErrorCode.TIMEOUT.name(), "the request ended before the job started"));
    }

    private static List<String> union(List<String> a, List<String> b) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
