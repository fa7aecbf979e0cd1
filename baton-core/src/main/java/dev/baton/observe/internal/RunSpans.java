package dev.baton.observe.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.observe.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import java.util.function.Supplier;

/**
 * The spans of one ensemble run: the run's, a child of whatever span was current where the run
 * started (an HTTP request, a CLI command, a parent run's agent), and one per agent beneath it.
 * The engine runs each agent on its own virtual thread, where no span is current: an agent's span
 * is parented explicitly on the run's and made current while the agent works, so its model calls
 * (and child runs) nest under it. {@link #NONE} (telemetry off) does nothing and loads no
 * OpenTelemetry class.
 */
public class RunSpans {

    /** Runs without tracing. */
    public static final RunSpans NONE = new RunSpans();

    RunSpans() {
    }

    /** Starts the span of run {@code runId} of {@code ensemble} (when telemetry is on). */
    public static RunSpans start(Telemetry telemetry, String ensemble, String runId) {
        return telemetry.enabled() ? new Active(telemetry, ensemble, runId) : NONE;
    }

    /**
     * {@code work} to run on another thread with the span current here, when {@code telemetry} is
     * on (the runs of a batch, each on its own thread, then nest under the caller's span).
     */
    public static Runnable carryCurrent(Telemetry telemetry, Runnable work) {
        return telemetry.enabled() ? Context.current().wrap(work) : work;
    }

    /** Runs {@code agent}'s work under its span and returns its result. */
    public AgentResult agent(String agent, Supplier<AgentResult> work) {
        return work.get();
    }

    /** Ends the run's span. */
    public void finished(RunStatus status) {
    }

    /** {@code work} to run on another thread with the span current here (an agent's attempt, a fan-out instance). */
    public <T> java.util.concurrent.Callable<T> carry(java.util.concurrent.Callable<T> work) {
        return work;
    }

    /** {@code work} to run on another thread with the span current here. */
    public Runnable carryRunnable(Runnable work) {
        return work;
    }

    private static final class Active extends RunSpans {
        private static final AttributeKey<String> STATUS = AttributeKey.stringKey("baton.run.status");
        private static final AttributeKey<String> AGENT_STATUS = AttributeKey.stringKey("baton.agent.status");

        private final Telemetry telemetry;
        private final String runId;
        private final Span run;
        private final Context context;

        Active(Telemetry telemetry, String ensemble, String runId) {
            this.telemetry = telemetry;
            this.runId = runId;
            this.run = telemetry.tracer().spanBuilder("ensemble " + ensemble)
                    .setAttribute(GenAi.ENSEMBLE, ensemble).setAttribute(GenAi.RUN_ID, runId).startSpan();
            this.context = Context.current().with(run);
        }

        @Override
        public AgentResult agent(String agent, Supplier<AgentResult> work) {
            Span span = telemetry.tracer().spanBuilder("invoke_agent " + agent).setParent(context)
                    .setAttribute(GenAi.OPERATION, "invoke_agent").setAttribute(GenAi.AGENT_NAME, agent)
                    .setAttribute(GenAi.RUN_ID, runId).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                AgentResult r = work.get();
                span.setAttribute(AGENT_STATUS, r.status().name().toLowerCase(java.util.Locale.ROOT));
                if (r.status() == AgentStatus.FAILED) {
                    String type = r.error() != null ? r.error().code().name() : "AGENT_FAILURE";
                    span.setAttribute(GenAi.ERROR_TYPE, type);
                    span.setStatus(StatusCode.ERROR, type);
                }
                return r;
            } catch (RuntimeException | Error e) {
                span.setAttribute(GenAi.ERROR_TYPE, e.getClass().getName());
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
            }
        }

        @Override
        public <T> java.util.concurrent.Callable<T> carry(java.util.concurrent.Callable<T> work) {
            return Context.current().wrap(work);
        }

        @Override
        public Runnable carryRunnable(Runnable work) {
            return Context.current().wrap(work);
        }

        @Override
        public void finished(RunStatus status) {
            run.setAttribute(STATUS, status.wire());
            if (status == RunStatus.FAILED) run.setStatus(StatusCode.ERROR, status.wire());
            run.end();
        }
    }
}
