package dev.baton.ensemble.agent;

import dev.baton.ensemble.run.AttemptControl;

/**
 * Runs one attempt of one kind of agent. Blocking; runs on its own virtual thread and must stop
 * promptly when interrupted or when {@link AttemptControl} aborts it. Failures are thrown
 * (a {@link dev.baton.error.BatonException} carries the error code).
 */
public interface AgentRunner {
    AgentOutcome run(AgentCall call) throws Exception;
}
