package dev.baton.ensemble.run;

import dev.baton.tool.ToolCallRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of an agent's tool calls in {@link RunResultJson}: one object per call with
 * {@code id}, {@code tool}, {@code round}, {@code arguments} (the redacted arguments, as JSON),
 * {@code started_at}, {@code duration_ms}, {@code outcome} (lower case), {@code output_bytes},
 * {@code truncated} and {@code decided_by}.
 */
final class ToolCallJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolCallJson() {
    }

    static void write(ArrayNode array, List<AgentToolCall> calls) {
        for (AgentToolCall c : calls) {
            ToolCallRecord r = c.call();
            ObjectNode o = array.addObject();
            o.put("id", r.callId()).put("tool", r.tool()).put("round", c.round());
            o.set("arguments", arguments(r.arguments()));
            o.put("started_at", r.started().toString()).put("duration_ms", r.duration().toMillis())
                    .put("outcome", r.outcome().name().toLowerCase(Locale.ROOT)).put("output_bytes", r.outputBytes())
                    .put("truncated", r.truncated()).put("decided_by", r.decidedBy());
        }
    }

    static List<AgentToolCall> read(JsonNode array) {
        List<AgentToolCall> out = new ArrayList<>();
        for (JsonNode o : array) {
            JsonNode args = o.path("arguments");
            ToolCallRecord r = new ToolCallRecord(o.hasNonNull("id") ? o.get("id").asString() : null,
                    o.path("tool").asString(), args.isMissingNode() ? "{}" : args.isString() ? args.stringValue() : args.toString(),
                    Instant.parse(o.path("started_at").asString()), Duration.ofMillis(o.path("duration_ms").asLong()),
                    ToolCallRecord.Outcome.valueOf(o.path("outcome").asString().toUpperCase(Locale.ROOT)),
                    o.path("output_bytes").asLong(), o.path("truncated").asBoolean(), o.path("decided_by").asString());
            out.add(new AgentToolCall(Math.max(1, o.path("round").asInt()), r));
        }
        return out;
    }

    /** The recorded arguments as JSON; text that is not JSON (it never should be) stays a string. */
    private static JsonNode arguments(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }
}
