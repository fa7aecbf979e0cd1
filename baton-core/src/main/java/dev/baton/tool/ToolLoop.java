package dev.baton.tool;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ToolSpec;

import java.util.List;
import java.util.Objects;

/**
 * The tool-calling loop, a small runner around a {@link ChatModel}: it sends the request with the
 * offered tools' specs; while the answer asks for tools it appends that assistant message and one
 * tool-result message per call (in call order), runs the calls through the {@link ToolInvoker}
 * and asks the model again. It ends with the first answer that asks for no tool.
 *
 * <p>What a caller can rely on:
 * <ul>
 *   <li>Each round is one call of {@code model}; give it a pipeline model and budgets, retries,
 *       fallback, recording and deadlines apply to every round.</li>
 *   <li>The calls of one round run concurrently, one virtual thread each (a single call runs on
 *       the caller's thread); their results are appended in the order the model made the calls.</li>
 *   <li>A tool that fails, throws or times out never fails the loop: the invoker turns it into an
 *       error result the model reads, and an invoker that throws anyway is treated the same way.</li>
 *   <li>After {@code maxToolRounds} rounds of tool calls, an answer that still asks for tools ends
 *       the loop with {@link ToolRoundsExceededException}; the model is called at most
 *       {@code maxToolRounds + 1} times, so the loop cannot hang.</li>
 *   <li>Interruption of the calling thread, or the request's deadline passing between rounds,
 *       ends the loop with a {@code TIMEOUT} {@link dev.baton.error.BatonException}; tool calls
 *       still running are interrupted.</li>
 *   <li>The result's usage is the sum over every round.</li>
 * </ul>
 *
 * <p>{@link #stream} streams every round: text and reasoning deltas reach the caller as they
 * arrive (so any text a model writes before its tool calls streams too), tool calls are consumed
 * by the loop, and the one finish chunk, carrying the summed usage, ends the final answer. Tool
 * events go to the {@link ToolListener} the invoker was built with. Thread-safe: one loop serves
 * concurrent runs.
 */
public final class ToolLoop {

    /** {@code max_tool_rounds} when none is configured. */
    public static final int DEFAULT_MAX_TOOL_ROUNDS = 10;

    /** The configuration key of the round limit. */
    public static final String MAX_TOOL_ROUNDS_KEY = "max_tool_rounds";

    private final ChatModel model;
    private final ToolInvoker invoker;
    private final List<ToolSpec> specs;
    private final int maxToolRounds;

    /** A loop with {@link #DEFAULT_MAX_TOOL_ROUNDS}. */
    public ToolLoop(ChatModel model, ToolInvoker invoker, List<Tool> tools) {
        this(model, invoker, tools, DEFAULT_MAX_TOOL_ROUNDS);
    }

    /**
     * A loop offering {@code tools} to {@code model}, running calls through {@code invoker}, for
     * at most {@code maxToolRounds} (at least 1) rounds of tool calls.
     */
    public ToolLoop(ChatModel model, ToolInvoker invoker, List<Tool> tools, int maxToolRounds) {
        this.model = Objects.requireNonNull(model, "model");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.specs = tools.stream().map(Tool::spec).toList();
        if (maxToolRounds < 1) {
            throw new IllegalArgumentException(MAX_TOOL_ROUNDS_KEY + " must be at least 1, got " + maxToolRounds);
        }
        this.maxToolRounds = maxToolRounds;
    }

    /** The round limit. */
    public int maxToolRounds() {
        return maxToolRounds;
    }

    /** Runs the loop to a final answer, blocking. */
    public Result run(ChatRequest request, ToolContext context) {
        LoopConversation conversation = start(request, context);
        while (true) {
            ChatResponse answer = model.chat(conversation.request());
            if (!conversation.absorb(answer)) return conversation.result(answer);
            conversation.runTools(answer);
        }
    }

    /** Runs the loop streamed; the caller must close the stream. */
    public ToolLoopStream stream(ChatRequest request, ToolContext context) {
        return new ToolLoopStream(model, start(request, context));
    }

    private LoopConversation start(ChatRequest request, ToolContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        return new LoopConversation(request, specs, invoker, context, maxToolRounds);
    }

    /**
     * How a loop ended: the final answer (its usage summed over every round), every tool call
     * made in order, and how many rounds of tool calls ran (0 when the model answered at once).
     */
    public record Result(ChatResponse response, List<ToolCallRecord> calls, int rounds) {
        public Result {
            Objects.requireNonNull(response, "response");
            calls = List.copyOf(calls);
        }
    }
}
