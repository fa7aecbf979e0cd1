package dev.baton.provider.bedrock.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a Converse response into a {@link ChatResponse}: text blocks become the text,
 * reasoning blocks the reasoning, tool-use blocks tool calls (the forced response tool, when one
 * was used, becomes the text instead), the stop reason the finish reason, and the token usage the
 * usage, cache reads and writes counted inside the input tokens as Baton's {@link Usage} expects.
 */
public final class ConverseResponseDecoder {

    private final DocumentJson documents;

    public ConverseResponseDecoder(DocumentJson documents) {
        this.documents = documents;
    }

    public ChatResponse response(ConverseResponse response, String responseTool, String provider, String model,
                                 Duration latency) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        boolean answeredByTool = false;
        List<ContentBlock> blocks = response.output() == null || response.output().message() == null
                ? List.of() : response.output().message().content();
        for (ContentBlock block : blocks) {
            if (block.text() != null) text.append(block.text());
            if (block.reasoningContent() != null && block.reasoningContent().reasoningText() != null) {
                reasoning.append(block.reasoningContent().reasoningText().text());
            }
            ToolUseBlock use = block.toolUse();
            if (use == null) continue;
            String args = documents.toJsonText(use.input());
            if (use.name().equals(responseTool)) {
                // The forced response tool carries the answer: its input replaces any preamble text.
                text.setLength(0);
                text.append(args);
                answeredByTool = true;
            } else {
                calls.add(new ToolCall(use.toolUseId(), use.name(), args));
            }
        }
        FinishReason reason = finishReason(response.stopReasonAsString());
        if (answeredByTool && calls.isEmpty() && reason == FinishReason.TOOL_CALLS) reason = FinishReason.STOP;
        String requestId = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        return new ChatResponse(text.toString(), calls, reason, usage(response.usage()), provider, model, null,
                requestId, reasoning.isEmpty() ? null : reasoning.toString(), latency, null, List.of());
    }

    /** Baton usage from Converse's; null when the response carried none. */
    public static Usage usage(TokenUsage u) {
        if (u == null) return null;
        long cacheRead = orZero(u.cacheReadInputTokens());
        long cacheWrite = orZero(u.cacheWriteInputTokens());
        // Converse's inputTokens leaves cache reads and writes out; Baton counts them as parts of the input.
        return new Usage(orZero(u.inputTokens()) + cacheRead + cacheWrite, orZero(u.outputTokens()),
                cacheRead, cacheWrite, 0, null, false);
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    public static FinishReason finishReason(String stopReason) {
        if (stopReason == null) return FinishReason.STOP;
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            case "malformed_model_output", "malformed_tool_use" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }
}
