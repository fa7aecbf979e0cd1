package dev.baton.ensemble.agent;

import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolInvoker;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The tools one LLM agent attempt may use, ready for a {@link dev.baton.tool.ToolLoop}: the tools
 * its {@code tools:} names resolved to, its {@code max_tool_rounds}, the sandbox, and invokers
 * that apply the agent's permissions (configuration narrowed by the ensemble's and the agent's
 * {@code tool_permissions}) and the run's approver, audit every call, and record it in the
 * agent's result and the run's events.
 */
public interface AgentTools {

    /** The tools offered to the model. */
    List<Tool> tools();

    /** The agent's {@code max_tool_rounds}. */
    int maxToolRounds();

    /** The sandbox every call runs in. */
    Sandbox sandbox();

    /**
     * An invoker whose calls are recorded as belonging to tool round {@code round.getAsInt()},
     * read when each call ends (the loop runs a round's calls before asking the model again), and
     * ordered within the round by {@code position} (the index of a call id in the model's answer,
     * -1 when unknown), since the calls of one round run at once and end in any order.
     */
    ToolInvoker invoker(IntSupplier round, ToIntFunction<String> position);
}
