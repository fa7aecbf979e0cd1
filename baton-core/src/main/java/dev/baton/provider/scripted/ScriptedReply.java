package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.error.ErrorCode;
import dev.baton.llm.FinishReason;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * One scripted answer. It is exactly one of: {@code text} (optionally with {@code tool_calls}),
 * {@code json} (any JSON value, answered as its compact JSON text), {@code tool_calls}, or
 * {@code error}. An {@code error} may be combined with {@code text} and
 * {@code fail_after_chunks}: a stream then delivers that many text chunks and fails, while a
 * blocking call fails at once.
 *
 * <p>Timing, all optional and in milliseconds: {@code latency_ms} passes before the answer (for a
 * stream, before {@code stream()} returns, as response headers would), then
 * {@code first_token_latency_ms} before the first chunk, and {@code chunk_delay_ms} between
 * chunks (a blocking call waits latency plus first-token latency). {@code reasoning} is reasoning
 * text returned apart from the answer. {@code finish_reason} overrides the derived one (STOP, or
 * TOOL_CALLS when there are tool calls). {@code usage} overrides token counts.
 */
public record ScriptedReply(@JsonProperty("text") String text,
                            @JsonProperty("json") JsonNode json,
                            @JsonProperty("tool_calls") List<ScriptedToolCall> toolCalls,
                            @JsonProperty("error") ScriptedError error,
                            @JsonProperty("reasoning") String reasoning,
                            @JsonProperty("latency_ms") Long latencyMs,
                            @JsonProperty("first_token_latency_ms") Long firstTokenLatencyMs,
                            @JsonProperty("chunk_delay_ms") Long chunkDelayMs,
                            @JsonProperty("fail_after_chunks") Integer failAfterChunks,
                            @JsonProperty("finish_reason") FinishReason finishReason,
                            @JsonProperty("usage") ScriptedUsage usage) {

    public ScriptedReply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (json != null) json = json.deepCopy();
        latencyMs = latencyMs == null ? 0L : latencyMs;
        firstTokenLatencyMs = firstTokenLatencyMs == null ? 0L : firstTokenLatencyMs;
        chunkDelayMs = chunkDelayMs == null ? 0L : chunkDelayMs;
        requireNonNegative("latency_ms", latencyMs);
        requireNonNegative("first_token_latency_ms", firstTokenLatencyMs);
        requireNonNegative("chunk_delay_ms", chunkDelayMs);
        checkShape(text, json, toolCalls, error, failAfterChunks);
    }

    public static ScriptedReply text(String text) {
        return new ScriptedReply(text, null, null, null, null, null, null, null, null, null, null);
    }

    public static ScriptedReply json(JsonNode json) {
        return new ScriptedReply(null, json, null, null, null, null, null, null, null, null, null);
    }

    public static ScriptedReply toolCalls(ScriptedToolCall... calls) {
        return new ScriptedReply(null, null, List.of(calls), null, null, null, null, null, null, null, null);
    }

    public static ScriptedReply error(ScriptedError error) {
        return new ScriptedReply(null, null, null, error, null, null, null, null, null, null, null);
    }

    public static ScriptedReply error(ErrorCode code, String message) {
        return error(ScriptedError.of(code, message));
    }

    public ScriptedReply withLatency(Duration latency) {
        return new ScriptedReply(text, json, toolCalls, error, reasoning, latency.toMillis(), firstTokenLatencyMs,
                chunkDelayMs, failAfterChunks, finishReason, usage);
    }

    public ScriptedReply withFirstTokenLatency(Duration latency) {
        return new ScriptedReply(text, json, toolCalls, error, reasoning, latencyMs, latency.toMillis(),
                chunkDelayMs, failAfterChunks, finishReason, usage);
    }

    public ScriptedReply withChunkDelay(Duration delay) {
        return new ScriptedReply(text, json, toolCalls, error, reasoning, latencyMs, firstTokenLatencyMs,
                delay.toMillis(), failAfterChunks, finishReason, usage);
    }

    public ScriptedReply withUsage(ScriptedUsage newUsage) {
        return new ScriptedReply(text, json, toolCalls, error, reasoning, latencyMs, firstTokenLatencyMs,
                chunkDelayMs, failAfterChunks, finishReason, newUsage);
    }

    public ScriptedReply withReasoning(String newReasoning) {
        return new ScriptedReply(text, json, toolCalls, error, newReasoning, latencyMs, firstTokenLatencyMs,
                chunkDelayMs, failAfterChunks, finishReason, usage);
    }

    public ScriptedReply withFinishReason(FinishReason reason) {
        return new ScriptedReply(text, json, toolCalls, error, reasoning, latencyMs, firstTokenLatencyMs,
                chunkDelayMs, failAfterChunks, reason, usage);
    }

    /** Text chunks are streamed, then {@code error} is raised after {@code chunks} of them. */
    public ScriptedReply failingAfter(int chunks, ScriptedError streamError) {
        return new ScriptedReply(text, json, toolCalls, streamError, reasoning, latencyMs, firstTokenLatencyMs,
                chunkDelayMs, chunks, finishReason, usage);
    }

    /** The answer text: {@code text}, or the compact JSON of {@code json}, or empty. */
    public String answerText() {
        if (json != null) return json.toString();
        return text == null ? "" : text;
    }

    /** Whether this reply fails before producing anything. */
    public boolean failsImmediately() {
        return error != null && failAfterChunks == null;
    }

    private static void checkShape(String text, JsonNode json, List<ScriptedToolCall> toolCalls,
                                   ScriptedError error, Integer failAfterChunks) {
        boolean hasText = text != null;
        boolean hasJson = json != null && !json.isMissingNode();
        boolean hasCalls = !toolCalls.isEmpty();
        if (!hasText && !hasJson && !hasCalls && error == null) {
            throw new IllegalArgumentException("a reply needs one of text, json, tool_calls or error");
        }
        if (hasJson && (hasText || hasCalls || error != null)) {
            throw new IllegalArgumentException("json cannot be combined with text, tool_calls or error");
        }
        if (error != null && hasCalls) {
            throw new IllegalArgumentException("error cannot be combined with tool_calls");
        }
        if (failAfterChunks != null) {
            if (error == null || !hasText) {
                throw new IllegalArgumentException("fail_after_chunks needs both text and error");
            }
            if (failAfterChunks < 0) {
                throw new IllegalArgumentException("fail_after_chunks must not be negative, got " + failAfterChunks);
            }
        } else if (error != null && hasText) {
            throw new IllegalArgumentException("error with text needs fail_after_chunks (a mid-stream failure)");
        }
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
}
