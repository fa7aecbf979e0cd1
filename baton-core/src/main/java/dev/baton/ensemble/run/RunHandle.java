package dev.baton.ensemble.run;

import dev.baton.ensemble.run.internal.RunExecution;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started run. {@link #cancel()} stops it: running agents are aborted (script process trees
 * killed, model calls interrupted) and every unsettled agent is recorded as {@code cancelled};
 * the result then arrives promptly with status {@code cancelled}. Thread-safe.
 */
public final class RunHandle {

    private final RunExecution execution;

    RunHandle(RunExecution execution) {
        this.execution = execution;
    }

    public String runId() {
        return execution.runId();
    }

    public void cancel() {
        execution.cancel();
    }

    public boolean isDone() {
        return execution.done().isDone();
    }

    /**
     * Waits for the result. If the waiting thread is interrupted (Ctrl-C), the run is cancelled,
     * its cancelled result is returned and the thread's interrupt flag is set again.
     */
    public RunResult await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return execution.done().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId() + " failed internally", e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The result if it arrives within {@code timeout}; interruption cancels the run as in {@link #await()}. */
    public Optional<RunResult> await(Duration timeout) {
        try {
            return Optional.of(execution.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            cancel();
            RunResult r = await();
            Thread.currentThread().interrupt();
            return Optional.of(r);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId() + " failed internally", e.getCause());
        }
    }

    /** Completes with the result; cancelling this future does not cancel the run. */
    public CompletableFuture<RunResult> future() {
        return execution.done().copy();
    }
}
