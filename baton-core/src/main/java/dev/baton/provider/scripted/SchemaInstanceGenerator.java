package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.provider.scripted.internal.SchemaInstanceWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a deterministic JSON instance of a JSON Schema: the same schema always gives the same
 * instance, and for the keywords below the instance validates against the schema.
 *
 * <p>Supported: {@code type} (also as an array; the first non-null type is produced),
 * {@code nullable}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code patternProperties}, {@code minProperties}/{@code maxProperties},
 * {@code dependentRequired}, {@code items}, {@code prefixItems} (and draft-7 tuple
 * {@code items}/{@code additionalItems}), {@code minItems}/{@code maxItems},
 * {@code uniqueItems}, {@code contains}, {@code enum}, {@code const}, {@code default},
 * {@code examples}, {@code minimum}/{@code maximum} and both forms of
 * {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code multipleOf},
 * {@code minLength}/{@code maxLength}, {@code pattern} (a matching string is built for common
 * regexes and checked with {@link java.util.regex.Pattern}; otherwise sample text is used),
 * {@code format} (date-time, date, time, duration, email, hostname, ipv4, ipv6, uri,
 * uri-reference, uuid, json-pointer, regex), {@code oneOf}/{@code anyOf}/{@code allOf}, and
 * {@code $ref} to {@code #}, {@code #/$defs/...}, {@code #/definitions/...}, any JSON pointer,
 * {@code $anchor}s and embedded {@code $id}s.
 *
 * <p>Choices: {@code const}, then a valid example, the default, the first valid enum value; else
 * a value built from the type. Optional properties are included near the root and left out deeper
 * down, which also ends recursive schemas. Unsatisfiable or unsupported constructs ({@code not},
 * {@code if}/{@code then}, remote {@code $ref}s, contradictory {@code allOf}s) give a best-effort
 * instance rather than an error. Instances are thread-safe and hold no state between calls.
 */
public final class SchemaInstanceGenerator {

    private final ObjectMapper json = JsonMapper.builder().build();

    /** An instance of {@code schema}. */
    public JsonNode generate(JsonNode schema) {
        return new SchemaInstanceWriter(schema).write();
    }

    /** An instance of the schema written as JSON text; INVALID_REQUEST when the text is not JSON. */
    public JsonNode generate(String schemaJson) {
        JsonNode schema;
        try {
            schema = json.readTree(schemaJson);
        } catch (JacksonException e) {
            throw new BatonException(ErrorCode.INVALID_REQUEST,
                    "the response format's JSON Schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return generate(schema);
    }
}
