package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.agent.ChildRunLauncher;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.run.CheckReport;
import dev.baton.ensemble.run.internal.EnsembleChecks;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import java.util.List;
import dev.baton.error.ErrorCode;
import java.util.stream.Collectors;

/** Running a child ensemble for an ensemble or loop agent, one nesting level down. */
final class ChildRuns {

    private ChildRuns() {
    }

    static EnsembleSpec find(AgentContext ctx, String name) {
        ChildRunLauncher children = ctx.childRuns();
        int depth = children.childDepth();
        int max = children.maxDepth();
        if (depth > max) {
            throw new BatonException(ErrorCode.VALIDATION, "agent '" + ctx.agent().name() + "': ensemble nesting depth "
                    + depth + " exceeds the limit of " + max);
        }
        return children.find(name).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND,
                "agent '" + ctx.agent().name() + "': unknown ensemble '" + name + "'"));
    }

    /**
     * Runs {@code spec} to the end, charging each of its model calls' usage to the calling agent
     * as it is reported (so the parent's live view, events and budget follow a long child run or
     * loop while it runs, labelled with the model that was called). Interrupting the calling
     * thread cancels the child run and raises {@link InterruptedException}.
     */
    static RunResult run(AgentContext ctx, EnsembleSpec spec, String input) throws InterruptedException {
        RunListener forwardUsage = event -> {
            if (event instanceof RunEvent.UsageRecorded u) ctx.usage().record(u.model(), u.usage());
        };
        RunHandle child = ctx.childRuns().start(spec, input, forwardUsage);
        RunResult result = child.await();
        if (Thread.interrupted() || result.status() == RunStatus.CANCELLED) throw new InterruptedException();
        return result;
    }

    /**
     * What the calling agent outputs for a child run: the child's deliverable, after its
     * {@code seat_contract:} (when it declares one) admitted it; or, for a child with
     * {@code raw_output: true}, the child's whole result as JSON (every agent's output, passed
     * through untouched rather than reduced to the deliverable; see {@link #wholeResult}).
     */
    static AgentOutcome outcome(AgentContext ctx, EnsembleSpec spec, RunResult result) {
        AgentResult d = deliverable(ctx, result);
        if (spec.orc().seatContract() != null) admit(ctx, spec, result, d);
        if (spec.orc().rawOutput()) {
            var whole = wholeResult(result);
            return AgentOutcome.of(whole.toString(), whole);
        }
        return AgentOutcome.of(d.output(), d.outputJson());
    }

    /**
     * A child's whole result in the shape llm-orc hands a caller: {@code ensemble}, {@code run_id},
     * {@code status} and {@code results} (per agent in declaration order: {@code response} text,
     * {@code status}, {@code error} when it failed), so llm-orc scripts that peel a sub-ensemble's
     * {@code results} read it unchanged.
     */
    private static tools.jackson.databind.node.ObjectNode wholeResult(RunResult result) {
        var f = tools.jackson.databind.node.JsonNodeFactory.instance;
        var o = f.objectNode().put("ensemble", result.ensemble()).put("run_id", result.runId())
                .put("status", result.status().wire());
        var results = o.putObject("results");
        for (AgentResult a : result.agents()) {
            var r = results.putObject(a.name()).put("response", a.output()).put("status", a.status().wire());
            if (a.error() != null) r.put("error", a.error().message());
        }
        return o;
    }

    private static void admit(AgentContext ctx, EnsembleSpec spec, RunResult result, AgentResult d) {
        List<CheckReport> reports = EnsembleChecks.seatContract(spec.orc().seatContract(), result, d.outputJson());
        String failed = reports.stream().filter(CheckReport::failed).flatMap(r -> r.messages().stream())
                .collect(Collectors.joining("; "));
        if (failed.isEmpty()) return;
        throw BatonException.builder(ErrorCode.VALIDATION, "agent '" + ctx.agent().name() + "': the output of ensemble '"
                        + spec.name() + "' does not meet its seat_contract: " + failed)
                .context(ErrorContext.EMPTY.withAgent(ctx.agent().name())).build();
    }

    /** The child's deliverable, or a failure naming what went wrong in the child. */
    static AgentResult deliverable(AgentContext ctx, RunResult result) {
        if (result.deliverable() != null) return result.agent(result.deliverable()).orElseThrow();
        String errors = result.agents().stream().filter(a -> a.error() != null)
                .map(a -> a.name() + ": " + a.error().message()).collect(Collectors.joining("; "));
        throw new BatonException(ErrorCode.AGENT_FAILURE, "ensemble '" + result.ensemble() + "' "
                + result.status().wire() + " without a deliverable" + (errors.isEmpty() ? "" : " (" + errors + ")"));
    }
}
