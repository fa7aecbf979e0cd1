package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.llm.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one run of the {@link ToolLoop}, shared by its blocking and streamed forms: the
 * growing conversation, the usage summed so far, the tool-call records and the rounds run.
 * Confined to the thread driving the loop.
 */
final class LoopConversation {

    private final ChatRequest base;
    private final List<Message> messages;
    private final ToolInvoker invoker;
    private final ToolContext context;
    private final int maxToolRounds;
    private final List<ToolCallRecord> records = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    private int rounds;

    LoopConversation(ChatRequest request, List<ToolSpec> specs, ToolInvoker invoker, ToolContext context,
                     int maxToolRounds) {
        this.base = request.toBuilder().tools(offered(request.tools(), specs)).build();
        this.messages = new ArrayList<>(request.messages());
        this.invoker = invoker;
        this.context = context;
        this.maxToolRounds = maxToolRounds;
    }

    /** The request's own tools, then the loop's (a loop tool replaces a request tool of the same name). */
    private static List<ToolSpec> offered(List<ToolSpec> requested, List<ToolSpec> loopTools) {
        Map<String, ToolSpec> byName = new LinkedHashMap<>();
        requested.forEach(s -> byName.put(s.name(), s));
        loopTools.forEach(s -> byName.put(s.name(), s));
        return List.copyOf(byName.values());
    }

    /** The request for the next round; fails when the caller was interrupted or the deadline passed. */
    ChatRequest request() {
        if (Thread.currentThread().isInterrupted()) {
            throw BatonException.builder(ErrorCode.TIMEOUT, "the tool loop was interrupted after " + rounds
                    + " tool round(s)").reason(ErrorReason.CANCELLED).retriable(false).build();
        }
        Instant deadline = base.deadline();
        if (deadline != null && !Instant.now().isBefore(deadline)) {
            throw BatonException.builder(ErrorCode.TIMEOUT, "deadline " + deadline + " passed after " + rounds
                    + " tool round(s)").retriable(false).build();
        }
        return base.withMessages(messages);
    }

    /**
     * Adds an answer's usage; true when it asks for tools and a round is left to run them.
     *
     * @throws ToolRoundsExceededException when it asks for tools and no round is left
     */
    boolean absorb(ChatResponse answer) {
        usage = usage.plus(answer.usage());
        if (!answer.hasToolCalls()) return false;
        if (rounds >= maxToolRounds) throw new ToolRoundsExceededException(maxToolRounds, records, usage);
        return true;
    }

    /** Runs the answer's tool calls and appends the assistant message and their results. */
    void runTools(ChatResponse answer) {
        List<ToolCall> calls = withIds(answer.toolCalls());
        List<ToolInvoker.Invocation> done = ToolRound.invokeAll(invoker, calls, context);
        messages.add(Message.assistant(answer.text(), calls));
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ToolResult result = done.get(i).result();
            messages.add(Message.toolResult(call.id(), call.name(), result.content(), result.isError()));
            records.add(done.get(i).record());
        }
        rounds++;
    }

    /** Calls as sent back to the model: a provider that gave no id gets one, as tool results need it. */
    private List<ToolCall> withIds(List<ToolCall> calls) {
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            out.add(c.id() != null && !c.id().isBlank() ? c
                    : new ToolCall("call_r" + (rounds + 1) + "_" + (i + 1), c.name(), c.argumentsJson()));
        }
        return out;
    }

    /** The usage summed over every answer absorbed so far. */
    Usage usage() {
        return usage;
    }

    /** The loop's result, ending with {@code answer}. */
    ToolLoop.Result result(ChatResponse answer) {
        return new ToolLoop.Result(answer.withUsage(usage), records, rounds);
    }
}
