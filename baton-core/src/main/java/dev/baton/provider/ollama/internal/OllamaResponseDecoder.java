package dev.baton.provider.ollama.internal;

import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Ollama {@code /api/chat} answers (whole, or one NDJSON line of a stream). Tool-call
 * arguments arrive as JSON objects and are turned into JSON text; calls without an id get
 * {@code call_<n>}. Usage comes from {@code prompt_eval_count} and {@code eval_count}, which
 * Ollama reports only on the last ({@code done: true}) object; Ollama reports no cached or
 * reasoning token counts.
 */
public final class OllamaResponseDecoder {

    private final ObjectMapper json;

    public OllamaResponseDecoder(ObjectMapper json) {
        this.json = json;
    }

    /** The tool calls in {@code message}; synthesised ids start at {@code nextIndex}. */
    public List<ToolCall> toolCalls(JsonNode message, int nextIndex) {
        JsonNode calls = message.path("tool_calls");
        if (!calls.isArray() || calls.isEmpty()) return List.of();
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (JsonNode call : calls) {
            JsonNode fn = call.path("function");
            String id = call.path("id").asString(null);
            if (id == null || id.isEmpty()) id = "call_" + (nextIndex + out.size());
            JsonNode args = fn.path("arguments");
            // some Ollama-compatible servers send the arguments as JSON text, as OpenAI does
            String argsJson = args.isObject() ? json.writeValueAsString(args) : args.isString() ? args.asString() : "{}";
            out.add(new ToolCall(id, fn.path("name").asString(""), argsJson));
        }
        return out;
    }

    /** The usage on a final object, or null when the object carries none. */
    public static Usage usage(JsonNode root) {
        if (!root.has("prompt_eval_count") && !root.has("eval_count")) return null;
        return Usage.of(root.path("prompt_eval_count").asLong(0), root.path("eval_count").asLong(0));
    }

    public static FinishReason finishReason(String doneReason, boolean hasToolCalls) {
        if (hasToolCalls) return FinishReason.TOOL_CALLS;
        if (doneReason == null || doneReason.isEmpty()) return FinishReason.STOP;
        return switch (doneReason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }
}
