package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;

import java.util.List;

/**
 * The model still asked for tools after {@code max_tool_rounds} rounds of them, so the loop gave
 * up rather than go on. Carries the limit, the calls that did run and the usage of every model
 * call made, so a caller can still record what was spent.
 *
 * <p>Code {@link ErrorCode#AGENT_FAILURE}: the agent (the model driving tools) failed to reach an
 * answer within its configured limit. It is not {@code TIMEOUT} (retriable, and retry or fallback
 * would replay the same conversation into the same loop), not {@code BUDGET_EXCEEDED} (that is
 * the money budget, and a caller would react by raising a spending limit), and not
 * {@code INVALID_REQUEST} (the request was fine; the model's behaviour was not). Not retriable.
 */
public final class ToolRoundsExceededException extends BatonException {

    private final int limit;
    private final transient List<ToolCallRecord> calls;
    private final transient Usage usage;

    public ToolRoundsExceededException(int limit, List<ToolCallRecord> calls, Usage usage) {
        super(BatonException.builder(ErrorCode.AGENT_FAILURE, "the model still asked for tools after "
                        + limit + " tool round" + (limit == 1 ? "" : "s") + " (max_tool_rounds = " + limit + ")")
                .retriable(false)
                .suggestion("Raise max_tool_rounds (config key 'max_tool_rounds' of the agent), or tell the model "
                        + "in its prompt to answer once it has what it needs."));
        this.limit = limit;
        this.calls = List.copyOf(calls);
        this.usage = usage;
    }

    /** The {@code max_tool_rounds} that was reached. */
    public int limit() {
        return limit;
    }

    /** Every tool call that ran before the loop gave up, in order. */
    public List<ToolCallRecord> calls() {
        return calls;
    }

    /** The usage of every model call made, summed. */
    public Usage usage() {
        return usage;
    }
}
