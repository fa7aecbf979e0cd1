package dev.baton.provider.scripted.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges schemas that must all hold ({@code allOf}, a {@code $ref} with siblings, a base schema
 * with a chosen {@code anyOf}/{@code oneOf} branch) into one schema a generator can work from:
 * types intersect, lower bounds take the largest, upper bounds the smallest, {@code required}
 * unites, {@code enum} intersects, properties present in several merge as {@code allOf}. Where
 * two constraints cannot be combined exactly (two different patterns, two {@code oneOf}s) the
 * first wins: generation is best effort there.
 */
public final class SchemaMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> LOWER_BOUNDS = Set.of("minimum", "minLength", "minItems", "minProperties",
            "minContains");
    private static final Set<String> UPPER_BOUNDS = Set.of("maximum", "maxLength", "maxItems", "maxProperties",
            "maxContains");
    private static final int MAX_NESTING = 16;

    private final SchemaResolver resolver;

    SchemaMerger(SchemaResolver resolver) {
        this.resolver = resolver;
    }

    /** One schema equivalent (best effort) to all of {@code schemas} holding at once. */
    public JsonNode merge(List<JsonNode> schemas) {
        List<ObjectNode> parts = new ArrayList<>();
        for (JsonNode schema : schemas) {
            if (!flatten(schema, parts, 0)) return BooleanNode.FALSE;
        }
        ObjectNode merged = NODES.objectNode();
        for (ObjectNode part : parts) {
            for (Map.Entry<String, JsonNode> e : part.properties()) {
                JsonNode existing = merged.get(e.getKey());
                merged.set(e.getKey(), existing == null ? e.getValue() : combine(e.getKey(), existing, e.getValue()));
            }
        }
        return merged;
    }

    /** Adds the object schemas {@code schema} is made of; false when it can never hold. */
    private boolean flatten(JsonNode schema, List<ObjectNode> parts, int nesting) {
        JsonNode resolved = resolver.resolve(schema);
        if (resolved.isBoolean()) return resolved.booleanValue();
        if (!resolved.isObject()) return true;
        ObjectNode object = (ObjectNode) resolved;
        if (nesting < MAX_NESTING && object.path("allOf").isArray()) {
            ObjectNode rest = object.deepCopy();
            rest.remove("allOf");
            parts.add(rest);
            for (JsonNode member : object.get("allOf")) {
                if (!flatten(member, parts, nesting + 1)) return false;
            }
            return true;
        }
        parts.add(object);
        return true;
    }

    private JsonNode combine(String keyword, JsonNode a, JsonNode b) {
        if (LOWER_BOUNDS.contains(keyword) && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) >= 0 ? a : b;
        }
        if (UPPER_BOUNDS.contains(keyword) && a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) <= 0 ? a : b;
        }
        return switch (keyword) {
            case "exclusiveMinimum" -> a.isNumber() && b.isNumber() ? (a.decimalValue().compareTo(b.decimalValue()) >= 0 ? a : b)
                    : BooleanNode.valueOf(a.asBoolean() || b.asBoolean());
            case "exclusiveMaximum" -> a.isNumber() && b.isNumber() ? (a.decimalValue().compareTo(b.decimalValue()) <= 0 ? a : b)
                    : BooleanNode.valueOf(a.asBoolean() || b.asBoolean());
            case "type" -> intersectTypes(a, b);
            case "required" -> union(a, b);
            case "enum" -> intersect(a, b);
            case "properties", "patternProperties", "$defs", "definitions" -> mergeProperties(a, b);
            case "additionalProperties", "items", "contains", "propertyNames" -> bothHold(a, b);
            case "multipleOf" -> multipleOf(a, b);
            case "nullable" -> BooleanNode.valueOf(a.asBoolean() && b.asBoolean());
            default -> a;
        };
    }

    private static JsonNode bothHold(JsonNode a, JsonNode b) {
        if (a.isBoolean() && !a.booleanValue() || b.isBoolean() && !b.booleanValue()) return BooleanNode.FALSE;
        if (a.isBoolean()) return b;
        if (b.isBoolean()) return a;
        if (a.isArray() || b.isArray()) return a;
        ObjectNode both = NODES.objectNode();
        both.putArray("allOf").add(a).add(b);
        return both;
    }

    private static JsonNode mergeProperties(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject()) return a;
        ObjectNode merged = ((ObjectNode) a).deepCopy();
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            JsonNode existing = merged.get(e.getKey());
            merged.set(e.getKey(), existing == null ? e.getValue() : bothHold(existing, e.getValue()));
        }
        return merged;
    }

    private static JsonNode intersectTypes(JsonNode a, JsonNode b) {
        Set<String> left = types(a);
        Set<String> right = types(b);
        Set<String> result = new LinkedHashSet<>();
        for (String type : left) {
            if (right.contains(type)) result.add(type);
            else if (type.equals("number") && right.contains("integer")) result.add("integer");
            else if (type.equals("integer") && right.contains("number")) result.add("integer");
        }
        if (result.isEmpty()) return a;
        if (result.size() == 1) return NODES.stringNode(result.iterator().next());
        ArrayNode array = NODES.arrayNode();
        result.forEach(array::add);
        return array;
    }

    static Set<String> types(JsonNode type) {
        Set<String> types = new LinkedHashSet<>();
        if (type.isString()) types.add(type.asString());
        else if (type.isArray()) type.forEach(t -> types.add(t.asString()));
        return types;
    }

    private static JsonNode union(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.forEach(n -> names.add(n.asString()));
        b.forEach(n -> names.add(n.asString()));
        ArrayNode array = NODES.arrayNode();
        names.forEach(array::add);
        return array;
    }

    private static JsonNode intersect(JsonNode a, JsonNode b) {
        ArrayNode array = NODES.arrayNode();
        for (JsonNode value : a) {
            for (JsonNode other : b) {
                if (JsonValues.equal(value, other)) {
                    array.add(value);
                    break;
                }
            }
        }
        return array.isEmpty() ? a : array;
    }

    private static JsonNode multipleOf(JsonNode a, JsonNode b) {
        if (!a.isNumber() || !b.isNumber()) return a;
        BigDecimal x = a.decimalValue();
        BigDecimal y = b.decimalValue();
        if (x.signum() <= 0 || y.signum() <= 0) return a;
        if (x.remainder(y).signum() == 0) return a;
        if (y.remainder(x).signum() == 0) return b;
        return NODES.numberNode(x.multiply(y));
    }
}
