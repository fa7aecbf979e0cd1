package dev.baton.operation;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an operation is: its id ({@code feature.operation}), a description, the execution mode, the
 * profile a monolithic call uses (null: {@code default}) or the ensemble an agentic one runs, an
 * optional system prompt, the prompt template ({@code {{field}}} placeholders over the input, see
 * {@link dev.baton.operation.Operations}), and the input and response JSON Schemas.
 */
public record OperationDefinition(String id, String description, OperationMode mode, @Nullable String profile,
                                  @Nullable String ensemble, @Nullable String system, String prompt,
                                  JsonNode inputSchema, JsonNode responseSchema) {

    /** A feature or operation name: a lower-case letter, then letters, digits, {@code _} or {@code -}. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    public OperationDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(responseSchema, "responseSchema");
        description = description == null ? "" : description;
        int dot = id.indexOf('.');
        if (dot < 0 || !NAME.matcher(id.substring(0, dot)).matches() || !NAME.matcher(id.substring(dot + 1)).matches()) {
            throw new IllegalArgumentException("operation id '" + id + "' must be FEATURE.OPERATION, each part matching "
                    + NAME.pattern());
        }
        if (mode == OperationMode.AGENTIC && (ensemble == null || ensemble.isBlank())) {
            throw new IllegalArgumentException("operation " + id + ": agentic mode needs an ensemble");
        }
        if (mode == OperationMode.MONOLITHIC && ensemble != null) {
            throw new IllegalArgumentException("operation " + id + ": an ensemble is only run in agentic mode");
        }
        if (!inputSchema.isObject() || !responseSchema.isObject()) {
            throw new IllegalArgumentException("operation " + id + ": input and response schemas must be JSON objects");
        }
    }

    /** The part of the id before the dot. */
    public String feature() {
        return id.substring(0, id.indexOf('.'));
    }

    /** The part of the id after the dot. */
    public String operation() {
        return id.substring(id.indexOf('.') + 1);
    }

    /** The profile of a monolithic call: the definition's, else {@code default}. */
    public String profileOrDefault() {
        return profile == null || profile.isBlank() ? "default" : profile;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a definition; mode defaults to monolithic, schemas to {@code {"type":"object"}}. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private OperationMode mode = OperationMode.MONOLITHIC;
        private @Nullable String profile;
        private @Nullable String ensemble;
        private @Nullable String system;
        private String prompt = "{{input}}";
        private @Nullable JsonNode inputSchema;
        private @Nullable JsonNode responseSchema;

        private Builder(String id) {
            this.id = id;
        }

        public Builder description(String value) { this.description = value; return this; }
        public Builder mode(OperationMode value) { this.mode = value; return this; }
        public Builder profile(@Nullable String value) { this.profile = value; return this; }
        /** The ensemble an agentic operation runs (sets the mode to agentic). */
        public Builder ensemble(String value) { this.ensemble = value; this.mode = OperationMode.AGENTIC; return this; }
        public Builder system(@Nullable String value) { this.system = value; return this; }
        public Builder prompt(String value) { this.prompt = value; return this; }
        public Builder inputSchema(JsonNode value) { this.inputSchema = value; return this; }
        public Builder responseSchema(JsonNode value) { this.responseSchema = value; return this; }

        public OperationDefinition build() {
            var objects = tools.jackson.databind.node.JsonNodeFactory.instance;
            return new OperationDefinition(id, description, mode, profile, ensemble, system, prompt,
                    inputSchema == null ? objects.objectNode().put("type", "object") : inputSchema,
                    responseSchema == null ? objects.objectNode().put("type", "object") : responseSchema);
        }
    }
}
