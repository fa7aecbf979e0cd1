package dev.baton.provider.gemini.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converts a JSON Schema into the OpenAPI-3 subset Gemini accepts in {@code parameters} and
 * {@code responseSchema}. Kept keywords: type, format (only {@code date-time}/{@code enum} on
 * strings and {@code int32}/{@code int64}/{@code float}/{@code double} on numbers), title,
 * description, nullable, enum (string values only), properties, required, items, anyOf,
 * minItems, maxItems, minProperties, maxProperties, minLength, maxLength, pattern, minimum,
 * maximum, default, example, propertyOrdering. Rewritten: a type list with {@code "null"} becomes
 * {@code nullable: true}; {@code const} becomes a one-value enum; {@code oneOf} becomes
 * {@code anyOf}; {@code examples} becomes {@code example}; local {@code $ref}s into {@code $defs}
 * or {@code definitions} are inlined (recursive references stop at a depth of 8, as an untyped
 * object); a single-element {@code allOf} is inlined and several are merged shallowly. Dropped,
 * because the API rejects them: {@code $schema}, {@code $id}, {@code $comment}, {@code $defs},
 * {@code definitions}, {@code additionalProperties}, {@code unevaluatedProperties},
 * {@code patternProperties}, {@code propertyNames}, {@code not}, {@code if/then/else},
 * {@code exclusiveMinimum/Maximum}, {@code multipleOf}, {@code uniqueItems}, {@code contains},
 * {@code prefixItems}, {@code readOnly}, {@code writeOnly}, {@code deprecated}, and every
 * other keyword not listed as kept.
 */
public final class GeminiSchemaConverter {

    private static final Set<String> COPIED = Set.of("title", "description", "nullable", "minItems", "maxItems",
            "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "minimum", "maximum",
            "default", "example", "propertyOrdering");
    private static final Set<String> STRING_FORMATS = Set.of("date-time", "enum");
    private static final Set<String> NUMBER_FORMATS = Set.of("int32", "int64", "float", "double");
    private static final int MAX_REF_DEPTH = 8;

    private final ObjectMapper json;

    public GeminiSchemaConverter(ObjectMapper json) {
        this.json = json;
    }

    /** The Gemini form of {@code schema} (a JSON Schema object). */
    public ObjectNode convert(JsonNode schema) {
        JsonNode defs = schema.has("$defs") ? schema.path("$defs") : schema.path("definitions");
        return convert(schema, defs, 0);
    }

    /** True when {@code schema} is an object schema without any property (Gemini rejects those as parameters). */
    public static boolean isEmptyObject(JsonNode schema) {
        return "object".equals(schema.path("type").asString("object")) && schema.path("properties").isEmpty()
                && !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("$ref") && !schema.has("allOf");
    }

    private ObjectNode convert(JsonNode schema, JsonNode defs, int depth) {
        ObjectNode out = json.createObjectNode();
        if (schema == null || !schema.isObject()) return out;
        JsonNode src = resolve(schema, defs, depth);
        if (src == null) return out.put("type", "object");
        if (src != schema) return convert(src, defs, depth + 1);
        if (schema.path("allOf").isArray()) return convert(mergeAllOf(schema), defs, depth + 1);
        type(schema, out);
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (COPIED.contains(key)) out.set(key, value);
            else keyword(key, value, out, defs, depth);
        }
        format(schema, out);
        return out;
    }

    private void keyword(String key, JsonNode value, ObjectNode out, JsonNode defs, int depth) {
        switch (key) {
            case "properties" -> {
                ObjectNode props = out.putObject("properties");
                for (Map.Entry<String, JsonNode> p : value.properties()) {
                    props.set(p.getKey(), convert(p.getValue(), defs, depth + 1));
                }
            }
            case "required" -> out.set("required", value);
            case "items" -> {
                if (value.isObject()) out.set("items", convert(value, defs, depth + 1));
            }
            case "anyOf", "oneOf" -> {
                ArrayNode any = out.putArray("anyOf");
                for (JsonNode alt : value) {
                    if (!"null".equals(alt.path("type").asString(""))) any.add(convert(alt, defs, depth + 1));
                    else out.put("nullable", true);
                }
            }
            case "enum" -> stringEnum(value, out);
            case "const" -> {
                if (value.isString()) out.putArray("enum").add(value.asString());
            }
            case "examples" -> {
                if (value.isArray() && !value.isEmpty()) out.set("example", value.get(0));
            }
            default -> { /* not in Gemini's subset: dropped (see the class comment) */ }
        }
    }

    private static void type(JsonNode schema, ObjectNode out) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            out.put("type", type.asString());
        } else if (type.isArray()) {
            String chosen = null;
            for (JsonNode t : type) {
                if ("null".equals(t.asString())) out.put("nullable", true);
                else if (chosen == null) chosen = t.asString();
            }
            if (chosen != null) out.put("type", chosen);
        } else if (schema.has("properties")) {
            out.put("type", "object");
        } else if (schema.has("const") && schema.path("const").isString() || schema.has("enum")) {
            out.put("type", "string");
        }
    }

    private static void stringEnum(JsonNode values, ObjectNode out) {
        if (!values.isArray()) return;
        for (JsonNode v : values) {
            if (!v.isString() && !v.isNull()) return; // Gemini's enum holds strings only: drop the whole keyword
        }
        ArrayNode arr = out.putArray("enum");
        for (JsonNode v : values) {
            if (v.isNull()) out.put("nullable", true);
            else arr.add(v.asString());
        }
    }

    private static void format(JsonNode schema, ObjectNode out) {
        String format = schema.path("format").asString(null);
        String type = out.path("type").asString("");
        if (format == null) {
            if (out.has("enum") && "string".equals(type)) out.put("format", "enum");
            return;
        }
        boolean ok = "string".equals(type) ? STRING_FORMATS.contains(format)
                : ("number".equals(type) || "integer".equals(type)) && NUMBER_FORMATS.contains(format);
        if (ok) out.put("format", format);
    }

    /** The schema a local {@code $ref} points to; the schema itself without one; null past the depth limit. */
    private static JsonNode resolve(JsonNode schema, JsonNode defs, int depth) {
        String ref = schema.path("$ref").asString(null);
        if (ref == null) return schema;
        if (depth >= MAX_REF_DEPTH) return null;
        int slash = ref.lastIndexOf('/');
        JsonNode target = slash < 0 ? null : defs.get(ref.substring(slash + 1));
        return target == null || !target.isObject() ? null : target;
    }

    private JsonNode mergeAllOf(JsonNode schema) {
        ObjectNode merged = json.createObjectNode();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            if (!e.getKey().equals("allOf")) merged.set(e.getKey(), e.getValue());
        }
        ObjectNode props = merged.has("properties") ? (ObjectNode) merged.get("properties").deepCopy()
                : json.createObjectNode();
        ArrayNode required = merged.has("required") ? (ArrayNode) merged.get("required").deepCopy()
                : json.createArrayNode();
        for (JsonNode part : schema.path("allOf")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = part.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "properties" -> e.getValue().properties().forEach(p -> props.set(p.getKey(), p.getValue()));
                    case "required" -> e.getValue().forEach(required::add);
                    default -> { if (!merged.has(e.getKey())) merged.set(e.getKey(), e.getValue()); }
                }
            }
        }
        if (!props.isEmpty()) merged.set("properties", props);
        if (!required.isEmpty()) merged.set("required", required);
        return merged;
    }
}
