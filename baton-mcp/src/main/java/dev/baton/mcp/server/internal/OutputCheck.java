package dev.baton.mcp.server.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's check of a tool's structured result against the tool's output schema, for results
 * {@link SdkFeatures} hands over as JSON trees: the tree is validated as it is (the SDK's default
 * turns every result into a tree again and then into a string) and each output schema is compiled
 * once, found by identity (the SDK's default keys its cache on the schema printed as a string at
 * every call). A valid result carries no JSON text: {@link SdkFeatures#result} always gives a
 * structured result a text content, so the SDK never needs it. Thread-safe.
 */
final class OutputCheck implements JsonSchemaValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Output schemas are the tools' own, a few dozen; a cache grown past this is dropped and refilled. */
    private static final int MAX_SCHEMAS = 256;

    private final JsonMapper json;
    private final Map<IdentityKey, Schema> schemas = new ConcurrentHashMap<>();

    OutputCheck(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (schema == null) throw new IllegalArgumentException("Schema must not be null");
        if (structuredContent == null) throw new IllegalArgumentException("Structured content must not be null");
        try {
            JsonNode content = switch (structuredContent) {
                case JsonNode node -> node;
                case String text -> json.readTree(text);
                default -> json.valueToTree(structuredContent);
            };
            List<Error> errors = compiled(schema).validate(content);
            if (!errors.isEmpty()) return ValidationResponse.asInvalid("Validation failed: structuredContent does not match tool outputSchema. Validation errors: " + errors);
            return ValidationResponse.asValid(structuredContent instanceof JsonNode ? null : content.toString());
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("Error parsing tool JSON Schema: " + e.getMessage());
        }
    }

    private Schema compiled(Map<String, Object> schema) {
        IdentityKey key = new IdentityKey(schema);
        Schema found = schemas.get(key);
        if (found != null) return found;
        if (schemas.size() >= MAX_SCHEMAS) schemas.clear();
        Schema made = REGISTRY.getSchema(json.valueToTree(schema));
        made.initializeValidators();
        schemas.put(key, made);
        return made;
    }

    /** A map compared by identity: the SDK passes each tool's one output schema map at every call. */
    private record IdentityKey(Map<String, Object> schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
