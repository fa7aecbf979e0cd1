package dev.baton.provider.scripted.internal;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A small, lenient JSON Schema check used while generating: it decides whether an example or
 * default may be used and which {@code oneOf} branch a candidate satisfies. It covers the
 * keywords the generator understands; keywords it does not know pass, and so does anything past a
 * nesting limit. It is not a validator for user data.
 */
public final class SchemaCheck {

    private static final int MAX_DEPTH = 24;

    private final SchemaResolver resolver;

    public SchemaCheck(SchemaResolver resolver) {
        this.resolver = resolver;
    }

    public boolean conforms(JsonNode value, JsonNode schema) {
        return conforms(value, schema, 0);
    }

    private boolean conforms(JsonNode value, JsonNode rawSchema, int depth) {
        if (depth > MAX_DEPTH) return true;
        JsonNode schema = resolver.resolve(rawSchema);
        if (schema.isBoolean()) return schema.booleanValue();
        if (!schema.isObject()) return true;
        return applicators(value, schema, depth) && generic(value, schema) && typeSpecific(value, schema, depth);
    }

    private boolean applicators(JsonNode value, JsonNode schema, int depth) {
        for (JsonNode member : schema.path("allOf")) {
            if (!conforms(value, member, depth + 1)) return false;
        }
        if (schema.path("anyOf").isArray()) {
            boolean any = false;
            for (JsonNode member : schema.get("anyOf")) any |= conforms(value, member, depth + 1);
            if (!any) return false;
        }
        if (schema.path("oneOf").isArray() && matchingBranches(value, schema.get("oneOf"), depth).size() != 1) {
            return false;
        }
        return !schema.has("not") || !conforms(value, schema.get("not"), depth + 1);
    }

    /** Indexes of the branches of a {@code oneOf}/{@code anyOf} array that {@code value} satisfies. */
    public List<Integer> matchingBranches(JsonNode value, JsonNode branches, int depth) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            if (conforms(value, branches.get(i), depth + 1)) matching.add(i);
        }
        return matching;
    }

    private static boolean generic(JsonNode value, JsonNode schema) {
        if (schema.has("const") && !JsonValues.equal(value, schema.get("const"))) return false;
        if (schema.path("enum").isArray()) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) found |= JsonValues.equal(value, option);
            if (!found) return false;
        }
        Set<String> types = SchemaMerger.types(schema.path("type"));
        if (types.isEmpty()) return true;
        if (value.isNull() && schema.path("nullable").asBoolean(false)) return true;
        for (String type : types) {
            if (hasType(value, type)) return true;
        }
        return false;
    }

    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isNumber() && isIntegral(value.decimalValue());
            default -> true;
        };
    }

    private boolean typeSpecific(JsonNode value, JsonNode schema, int depth) {
        if (value.isNumber()) return NumberBounds.of(schema).admits(value.decimalValue());
        if (value.isString()) return stringConforms(value.asString(), schema);
        if (value.isArray()) return arrayConforms(value, schema, depth);
        if (value.isObject()) return objectConforms(value, schema, depth);
        return true;
    }

    private static boolean stringConforms(String text, JsonNode schema) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) return false;
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) return false;
        if (schema.path("pattern").isString() && !finds(schema.get("pattern").asString(), text)) return false;
        return !schema.path("format").isString() || StringFormats.conforms(schema.get("format").asString(), text);
    }

    static boolean finds(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private boolean arrayConforms(JsonNode array, JsonNode schema, int depth) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) return false;
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) return false;
        JsonNode prefix = schema.path("prefixItems").isArray() ? schema.get("prefixItems")
                : schema.path("items").isArray() ? schema.get("items") : null;
        JsonNode rest = prefix != null && schema.get("items") == prefix ? schema.path("additionalItems")
                : schema.path("items");
        for (int i = 0; i < array.size(); i++) {
            JsonNode itemSchema = prefix != null && i < prefix.size() ? prefix.get(i) : rest;
            if (!itemSchema.isMissingNode() && !conforms(array.get(i), itemSchema, depth + 1)) return false;
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            for (int i = 0; i < array.size(); i++) {
                for (int j = i + 1; j < array.size(); j++) {
                    if (JsonValues.equal(array.get(i), array.get(j))) return false;
                }
            }
        }
        if (schema.has("contains")) {
            int count = 0;
            for (JsonNode item : array) if (conforms(item, schema.get("contains"), depth + 1)) count++;
            if (count < schema.path("minContains").asInt(1)) return false;
        }
        return true;
    }

    private boolean objectConforms(JsonNode object, JsonNode schema, int depth) {
        for (JsonNode name : schema.path("required")) {
            if (!object.has(name.asString())) return false;
        }
        if (schema.has("minProperties") && object.size() < schema.get("minProperties").asInt()) return false;
        if (schema.has("maxProperties") && object.size() > schema.get("maxProperties").asInt()) return false;
        JsonNode properties = schema.path("properties");
        JsonNode patterns = schema.path("patternProperties");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            boolean known = false;
            if (properties.has(e.getKey())) {
                known = true;
                if (!conforms(e.getValue(), properties.get(e.getKey()), depth + 1)) return false;
            }
            for (Map.Entry<String, JsonNode> p : patterns.properties()) {
                if (finds(p.getKey(), e.getKey())) {
                    known = true;
                    if (!conforms(e.getValue(), p.getValue(), depth + 1)) return false;
                }
            }
            if (!known && schema.has("additionalProperties")
                    && !conforms(e.getValue(), schema.get("additionalProperties"), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
