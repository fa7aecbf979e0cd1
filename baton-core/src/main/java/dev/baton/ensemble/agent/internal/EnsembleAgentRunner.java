package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.spec.EnsembleSpec;

/**
 * Runs an ensemble agent ({@code ensemble: NAME}): the child ensemble runs with the agent's
 * composed prompt as input; its deliverable is the agent's output and its usage the agent's.
 * The child fails the agent only when it has no deliverable, or when the child declares a
 * {@code seat_contract:} its deliverable does not meet.
 */
public final class EnsembleAgentRunner implements AgentRunner {

    @Override
    public String kind() {
        return AgentKind.ENSEMBLE;
    }

    @Override
    public AgentOutcome run(AgentContext ctx) throws InterruptedException {
        EnsembleSpec child = ChildRuns.find(ctx, ctx.agent().ensemble());
        RunResult result = ChildRuns.run(ctx, child, ctx.prompt());
        return ChildRuns.outcome(ctx, child, result);
    }
}
