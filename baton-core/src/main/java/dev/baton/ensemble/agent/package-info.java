/**
 * The agent-runner SPI: an {@link dev.baton.ensemble.agent.AgentRunner} runs one attempt of one
 * agent kind from an {@link dev.baton.ensemble.agent.AgentContext} and returns an {@link
 * dev.baton.ensemble.agent.AgentOutcome}; plus running a script by hand ({@link
 * dev.baton.ensemble.agent.ScriptProcess}, {@link dev.baton.ensemble.agent.ScriptResolver}).
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.agent;

import org.jspecify.annotations.NullMarked;
