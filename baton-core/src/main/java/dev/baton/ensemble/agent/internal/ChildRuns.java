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

import dev.baton.error.BatonException;
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

    /** The child's deliverable, or a failure naming what went wrong in the child. */
    static AgentResult deliverable(AgentContext ctx, RunResult result) {
        if (result.deliverable() != null) return result.agent(result.deliverable()).orElseThrow();
        String errors = result.agents().stream().filter(a -> a.error() != null)
                .map(a -> a.name() + ": " + a.error().message()).collect(Collectors.joining("; "));
        throw new BatonException(ErrorCode.AGENT_FAILURE, "ensemble '" + result.ensemble() + "' "
                + result.status().wire() + " without a deliverable" + (errors.isEmpty() ? "" : " (" + errors + ")"));
    }
}
