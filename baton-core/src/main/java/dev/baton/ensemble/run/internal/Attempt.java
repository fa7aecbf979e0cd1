package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AttemptControl;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt of one agent, cancellable with its run and, for script, ensemble and loop agents,
 * under a deadline: the work runs on its own virtual thread while the caller waits at most
 * {@code timeout}. On timeout or run cancellation the attempt is aborted (hooks run, the worker is
 * interrupted) and the caller returns at once, whether or not the work has noticed; that is what
 * keeps one stuck agent from holding up its siblings. An LLM agent's attempt ({@link #runHere})
 * runs on the caller's thread: its deadline is its model pipeline's, and a run's cancellation
 * settles the agent without waiting for the attempt (the caller is interrupted, which ends the
 * model call), so a second thread per agent would buy nothing.
 */
final class Attempt {

    /** The end of an attempt: an outcome, or an error, or cancelled. */
    record Result(AgentOutcome outcome, AgentError error, boolean cancelled) {
        boolean ok() {
            return outcome != null;
        }
    }

    private final AttemptControl control = new AttemptControl();
    private volatile FutureTask<AgentOutcome> task;
    private volatile boolean cancelled;

    AttemptControl control() {
        return control;
    }

    Result run(String agent, Callable<AgentOutcome> work, Duration timeout) {
        return run(agent, work, timeout, false);
    }

    /**
     * Runs {@code work} on the calling thread, with no deadline of its own; cancelling the attempt
     * interrupts the caller. For LLM agents, whose model pipeline keeps the deadline.
     */
    Result runHere(String agent, Callable<AgentOutcome> work) {
        return run(agent, work, null, true);
    }

    private Result run(String agent, Callable<AgentOutcome> work, Duration timeout, boolean here) {
        FutureTask<AgentOutcome> t = new FutureTask<>(work);
        task = t;
        if (cancelled) return new Result(null, null, true);
        if (here) {
            t.run();
            // cancel(true) interrupted this thread to end the model call: the attempt's own signal,
            // answered by the cancelled result below, not one for what the agent does next
            if (t.isCancelled()) Thread.interrupted();
        } else Thread.ofVirtual().name("baton-agent-" + agent).start(t);
        try {
            AgentOutcome outcome = timeout == null ? t.get() : t.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Result(outcome, null, false);
        } catch (TimeoutException e) {
            String diag = control.diagnostics();
            stop(t);
            String msg = "agent '" + agent + "' exceeded its deadline of " + human(timeout)
                    + (diag.isBlank() ? "" : "; stderr: " + diag);
            return new Result(null, new AgentError(ErrorCode.TIMEOUT, msg), false);
        } catch (CancellationException e) {
            return new Result(null, null, true);
        } catch (InterruptedException e) {
            stop(t);
            Thread.currentThread().interrupt();
            return new Result(null, null, true);
        } catch (ExecutionException e) {
            if (cancelled) return new Result(null, null, true);
            return new Result(null, error(agent, e.getCause()), false);
        }
    }

    /** Cancels this attempt because its run was cancelled. */
    void cancel() {
        cancelled = true;
        FutureTask<AgentOutcome> t = task;
        if (t != null) stop(t);
    }

    private void stop(FutureTask<AgentOutcome> t) {
        control.abort();
        t.cancel(true);
    }

    private static AgentError error(String agent, Throwable cause) {
        if (cause instanceof BatonException be) return AgentError.of(be);
        if (cause instanceof InterruptedException) {
            return new AgentError(ErrorCode.AGENT_FAILURE, "agent '" + agent + "' was interrupted");
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AgentError(ErrorCode.AGENT_FAILURE, "agent '" + agent + "' failed: " + text);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
