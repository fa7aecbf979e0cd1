package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.Objects;

/**
 * A tool call a scripted reply makes: an optional call id (a deterministic one is derived when it
 * is absent), the tool name and the arguments, which must be a JSON object. The arguments node is
 * copied on the way in and out, so a script cannot be changed through it.
 */
public record ScriptedToolCall(@JsonProperty("id") String id,
                               @JsonProperty(value = "name", required = true) String name,
                               @JsonProperty("arguments") JsonNode arguments) {

    public ScriptedToolCall {
        Objects.requireNonNull(name, "a tool call needs a name");
        if (name.isBlank()) throw new IllegalArgumentException("a tool call needs a non-blank name");
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            arguments = JsonNodeFactory.instance.objectNode();
        }
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("tool call '" + name + "': arguments must be an object, got "
                    + arguments.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        arguments = arguments.deepCopy();
    }

    /** A call without an explicit id. */
    public static ScriptedToolCall of(String name, JsonNode arguments) {
        return new ScriptedToolCall(null, name, arguments);
    }

    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }
}
