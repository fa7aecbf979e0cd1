package dev.baton.provider.gemini.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes one Gemini {@code GenerateContentResponse} (a whole answer or one streamed chunk) into
 * its parts: visible text, thought text (parts flagged {@code thought: true}, kept out of the
 * text), function calls (with ids synthesised as {@code call_<n>} when Gemini sends none, their
 * thought signatures remembered), the raw finish reason and the usage.
 */
public final class GeminiResponseDecoder {

    /** Finish reasons that mean the output was withheld by a safety or policy filter. */
    public static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    /** One decoded response or chunk. {@code finishReason} is Gemini's own value, null when absent. */
    public record Decoded(String text, String reasoning, List<ToolCall> toolCalls, String finishReason,
                          Usage usage, String responseId, String modelVersion) {
    }

    private final ObjectMapper json;
    private final ThoughtSignatures signatures;

    public GeminiResponseDecoder(ObjectMapper json, ThoughtSignatures signatures) {
        this.json = json;
        this.signatures = signatures;
    }

    /** Decodes {@code root}; synthesised call ids start at {@code nextCallIndex}. */
    public Decoded decode(JsonNode root, int nextCallIndex) {
        JsonNode candidate = root.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode fn = part.path("functionCall");
            if (fn.isObject()) {
                String id = fn.path("id").asString(null);
                if (id == null || id.isEmpty()) id = "call_" + (nextCallIndex + calls.size());
                JsonNode args = fn.path("args");
                ToolCall call = new ToolCall(id, fn.path("name").asString(""),
                        args.isObject() ? json.writeValueAsString(args) : "{}");
                signatures.remember(call, part.path("thoughtSignature").asString(null));
                calls.add(call);
            } else if (part.has("text")) {
                (part.path("thought").asBoolean(false) ? reasoning : text).append(part.path("text").asString(""));
            }
        }
        return new Decoded(text.toString(), reasoning.toString(), calls,
                candidate.path("finishReason").asString(null), usage(root.path("usageMetadata")),
                root.path("responseId").asString(null), root.path("modelVersion").asString(null));
    }

    /**
     * Gemini's usage: input is the prompt (plus tool-use prompt) tokens; output is candidates plus
     * thoughts tokens, since thinking is billed as output; cached and reasoning are parts of those.
     */
    public static Usage usage(JsonNode meta) {
        if (meta == null || !meta.isObject()) return null;
        long thoughts = meta.path("thoughtsTokenCount").asLong(0);
        return new Usage(meta.path("promptTokenCount").asLong(0) + meta.path("toolUsePromptTokenCount").asLong(0),
                meta.path("candidatesTokenCount").asLong(0) + thoughts,
                meta.path("cachedContentTokenCount").asLong(0), 0, thoughts, null, false);
    }

    /** Baton's finish reason for Gemini's; tool calls win over {@code STOP}. */
    public static FinishReason finishReason(String reason, boolean hasToolCalls) {
        if (hasToolCalls && (reason == null || "STOP".equals(reason))) return FinishReason.TOOL_CALLS;
        if (reason == null) return FinishReason.STOP;
        if (FILTERED.contains(reason)) return FinishReason.CONTENT_FILTER;
        return switch (reason) {
            case "STOP" -> FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }

    /** The failure for a prompt Gemini refused ({@code promptFeedback.blockReason}), or null. */
    public static BatonException promptBlocked(JsonNode root, ErrorContext context) {
        String reason = root.path("promptFeedback").path("blockReason").asString(null);
        if (reason == null || reason.isEmpty() || "BLOCK_REASON_UNSPECIFIED".equals(reason)) return null;
        return safetyBlock(context, "the prompt was blocked (blockReason " + reason + ")");
    }

    /** The failure for an answer withheld entirely by a filter ({@code finishReason}). */
    public static BatonException answerBlocked(String finishReason, ErrorContext context) {
        return safetyBlock(context, "the answer was blocked (finishReason " + finishReason + ")");
    }

    private static BatonException safetyBlock(ErrorContext context, String what) {
        return BatonException.builder(ErrorCode.INVALID_REQUEST, context.provider() + ": " + what)
                .reason(ErrorReason.SAFETY_BLOCK).context(context).retriable(false)
                .suggestion("rephrase the request or adjust safetySettings for this profile").build();
    }
}
