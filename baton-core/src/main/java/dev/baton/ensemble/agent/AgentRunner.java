package dev.baton.ensemble.agent;

/**
 * Runs one attempt of one kind of agent: the SPI behind every agent kind, built in
 * ({@code llm}, {@code script}, {@code ensemble}, {@code loop}) or registered through
 * {@code EngineOptions.Builder.runner(AgentRunner)} for a custom kind. The engine picks the runner
 * whose {@link #kind()} is the agent's {@code kind().name()}; a registered runner replaces a
 * built-in one of the same kind.
 *
 * <p>{@link #run} blocks on its own virtual thread and must stop promptly when interrupted or when
 * {@link AgentContext#control()} aborts it. Failures are thrown (a
 * {@link dev.baton.error.BatonException} carries the error code; anything else becomes
 * {@code AGENT_FAILURE}). Retries, the attempt's deadline, the output contract
 * ({@code output_format}, {@code output_schema}), fan-out, events and artifacts are the engine's;
 * a runner does one attempt. Implementations are thread-safe: one runner serves every run.
 */
public interface AgentRunner {

    /** The agent kind this runner runs, e.g. {@code "script"} or a custom {@code "dispatch"}. */
    String kind();

    AgentOutcome run(AgentContext context) throws Exception;
}
