package dev.baton.provider.scripted.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Prices;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import dev.baton.provider.scripted.ScriptedError;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedToolCall;
import dev.baton.provider.scripted.ScriptedUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted reply made concrete for one request: answer text, tool calls with ids, finish
 * reason, usage with cost, and the failure to raise (if any). Everything is derived from the
 * reply, the request and the model name only, so equal inputs render equally.
 */
public record RenderedReply(String responseId, String text, String reasoning, List<ToolCall> toolCalls,
                            FinishReason finishReason, Usage usage, ScriptedReply reply, ErrorContext context) {

    public static RenderedReply render(String source, ScriptedReply reply, ChatRequest request, String provider,
                                       String model, Prices prices) {
        String conversation = Transcript.conversation(request);
        // only scripted text is a template; json answers are data and go out as written
        String text = reply.text() != null ? ToolResultTemplate.fill(reply.text(), request) : reply.answerText();
        List<ToolCall> calls = toolCalls(reply.toolCalls(), request.messages().size());
        FinishReason finish = reply.finishReason() != null ? reply.finishReason()
                : calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        Usage usage = usage(reply, conversation, text, calls, prices);
        String id = "scripted-" + source + "-" + Transcript.idHash(model + "\n" + conversation);
        return new RenderedReply(id, text, reply.reasoning(), calls, finish, usage, reply,
                ErrorContext.ofModel(provider, model));
    }

    /** A fresh exception for the scripted error, or null when the reply does not fail. */
    public BatonException failure() {
        ScriptedError error = reply.error();
        if (error == null) return null;
        BatonException.Builder b = BatonException.builder(error.code(), error.message())
                .reason(error.reason())
                .context(context)
                .providerStatus(error.code().httpStatus());
        if (error.retryAfterMs() != null) b.retryAfter(Duration.ofMillis(error.retryAfterMs()));
        if (error.retriable() != null) b.retriable(error.retriable());
        return b.build();
    }

    private static List<ToolCall> toolCalls(List<ScriptedToolCall> scripted, int conversationLength) {
        List<ToolCall> calls = new ArrayList<>(scripted.size());
        for (int i = 0; i < scripted.size(); i++) {
            ScriptedToolCall call = scripted.get(i);
            String arguments = call.arguments().toString();
            String id = call.id() != null ? call.id()
                    : "call_" + Transcript.idHash(conversationLength + ":" + i + ":" + call.name() + ":" + arguments);
            calls.add(new ToolCall(id, call.name(), arguments));
        }
        return List.copyOf(calls);
    }

    private static Usage usage(ScriptedReply reply, String conversation, String text, List<ToolCall> calls,
                               Prices prices) {
        ScriptedUsage scripted = reply.usage() == null ? new ScriptedUsage(null, null, null) : reply.usage();
        StringBuilder output = new StringBuilder(text);
        if (reply.reasoning() != null) output.append(reply.reasoning());
        for (ToolCall call : calls) output.append(call.name()).append(call.argumentsJson());
        long input = scripted.inputTokens() != null ? scripted.inputTokens() : Transcript.estimateTokens(conversation);
        long out = scripted.outputTokens() != null ? scripted.outputTokens() : Transcript.estimateTokens(output.toString());
        long cached = scripted.cachedInputTokens() != null ? scripted.cachedInputTokens() : 0;
        long reasoning = reply.reasoning() == null ? 0 : Math.min(out, Transcript.estimateTokens(reply.reasoning()));
        Usage usage = new Usage(input, out, cached, 0, reasoning, null, false);
        return usage.withCost(prices.cost(usage));
    }
}
