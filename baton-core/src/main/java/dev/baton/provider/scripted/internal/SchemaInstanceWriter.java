package dev.baton.provider.scripted.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Writes one instance of one schema document (see
 * {@link dev.baton.provider.scripted.SchemaInstanceGenerator} for what is supported). Choices
 * are fixed, so the same schema always gives the same instance. {@code depth} counts nesting:
 * below {@link #OPTIONAL_DEPTH} optional properties and one array item are included, deeper only
 * what the schema requires, which ends recursive schemas. {@code ordinal} varies scalar values
 * (the n-th item of an array gets ordinal n) so that unique items can be produced.
 */
public final class SchemaInstanceWriter {

    static final int OPTIONAL_DEPTH = 4;
    private static final int MAX_DEPTH = 48;
    private static final int NULL_PREFERRED_DEPTH = 24;
    private static final int UNIQUE_RETRIES = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> OBJECT_KEYWORDS = Set.of("properties", "required", "additionalProperties",
            "patternProperties", "minProperties", "maxProperties", "propertyNames", "dependentRequired");
    private static final Set<String> ARRAY_KEYWORDS = Set.of("items", "prefixItems", "minItems", "maxItems",
            "contains", "uniqueItems", "additionalItems");
    private static final Set<String> STRING_KEYWORDS = Set.of("minLength", "maxLength", "pattern", "format");
    private static final Set<String> NUMBER_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf");

    private final JsonNode root;
    private final SchemaResolver resolver;
    private final SchemaCheck check;

    public SchemaInstanceWriter(JsonNode root) {
        this.root = root;
        this.resolver = new SchemaResolver(root);
        this.check = new SchemaCheck(resolver);
    }

    public JsonNode write() {
        return value(root, null, 0, 0);
    }

    JsonNode value(JsonNode raw, String name, int ordinal, int depth) {
        if (depth > MAX_DEPTH) return NullNode.getInstance();
        JsonNode schema = resolver.resolve(raw);
        if (schema.isObject() && schema.has("allOf")) schema = resolver.merger().merge(List.of(schema));
        if (schema.isBoolean()) return schema.booleanValue() ? unconstrained(name, ordinal, depth) : NullNode.getInstance();
        if (!schema.isObject()) return unconstrained(name, ordinal, depth);
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.path(combinator).isArray() && !schema.get(combinator).isEmpty()) {
                return chooseBranch(schema, combinator, name, ordinal, depth);
            }
        }
        if (schema.has("const")) return schema.get("const").deepCopy();
        JsonNode listed = listedValue(schema, ordinal);
        return listed != null ? listed : byType(schema, name, ordinal, depth);
    }

    private JsonNode unconstrained(String name, int ordinal, int depth) {
        return depth == 0 ? NODES.objectNode() : NODES.stringNode(StringValues.plain(name, ordinal));
    }

    /** The first branch (simplest first when deep) whose instance satisfies it, and, for oneOf, no other branch. */
    private JsonNode chooseBranch(JsonNode schema, String combinator, String name, int ordinal, int depth) {
        ObjectNode base = ((ObjectNode) schema).deepCopy();
        base.remove(combinator);
        JsonNode branches = schema.get(combinator);
        List<Integer> order = IntStream.range(0, branches.size()).boxed().toList();
        if (depth >= OPTIONAL_DEPTH) {
            order = order.stream().sorted(Comparator.comparingInt(i -> complexity(branches.get(i)))).toList();
        }
        JsonNode fallback = null;
        for (int i : order) {
            JsonNode merged = resolver.merger().merge(List.of(base, branches.get(i)));
            JsonNode candidate = value(merged, name, ordinal, depth + 1);
            if (fallback == null) fallback = candidate;
            boolean fits = check.conforms(candidate, merged);
            if (fits && combinator.equals("oneOf")) fits = check.matchingBranches(candidate, branches, 0).size() == 1;
            if (fits) return candidate;
        }
        return fallback;
    }

    private int complexity(JsonNode branch) {
        JsonNode resolved = resolver.resolve(branch);
        if (branch.has("$ref")) return 3;
        String type = chooseType(resolved, 0);
        return switch (type) {
            case "null" -> 0;
            case "object", "array" -> 2;
            default -> 1;
        };
    }

    /** An example, the default or an enum value that satisfies the schema; null when there is none. */
    private JsonNode listedValue(JsonNode schema, int ordinal) {
        JsonNode examples = schema.path("examples");
        for (int k = 0; k < examples.size(); k++) {
            JsonNode example = examples.get((ordinal + k) % examples.size());
            if (check.conforms(example, schema)) return example.deepCopy();
        }
        if (ordinal == 0 && schema.has("default") && check.conforms(schema.get("default"), schema)) {
            return schema.get("default").deepCopy();
        }
        JsonNode options = schema.path("enum");
        for (int k = 0; k < options.size(); k++) {
            JsonNode option = options.get((ordinal + k) % options.size());
            if (check.conforms(option, schema)) return option.deepCopy();
        }
        return options.isEmpty() ? null : options.get(ordinal % options.size()).deepCopy();
    }

    private JsonNode byType(JsonNode schema, String name, int ordinal, int depth) {
        return switch (chooseType(schema, depth)) {
            case "object" -> object(schema, ordinal, depth);
            case "array" -> array(schema, name, ordinal, depth);
            case "string" -> NODES.stringNode(StringValues.of(schema, name, ordinal));
            case "integer" -> number(schema, true, ordinal);
            case "number" -> number(schema, false, ordinal);
            case "boolean" -> BooleanNode.valueOf(ordinal % 2 == 0);
            default -> NullNode.getInstance();
        };
    }

    /** The declared type to produce (the first non-null one), else one inferred from the keywords used. */
    private String chooseType(JsonNode schema, int depth) {
        Set<String> types = SchemaMerger.types(schema.path("type"));
        boolean nullAllowed = types.contains("null") || schema.path("nullable").asBoolean(false);
        if (nullAllowed && depth >= NULL_PREFERRED_DEPTH) return "null";
        for (String type : types) {
            if (!type.equals("null")) return type;
        }
        if (!types.isEmpty()) return "null";
        for (String keyword : schema.propertyNames()) {
            if (OBJECT_KEYWORDS.contains(keyword)) return "object";
            if (ARRAY_KEYWORDS.contains(keyword)) return "array";
            if (STRING_KEYWORDS.contains(keyword)) return "string";
            if (NUMBER_KEYWORDS.contains(keyword)) return "number";
        }
        return depth == 0 ? "object" : "string";
    }

    private JsonNode number(JsonNode schema, boolean integer, int ordinal) {
        BigDecimal value = NumberBounds.of(schema).pick(integer, ordinal);
        if (value.scale() <= 0) return NODES.numberNode(value.toBigInteger());
        return NODES.numberNode(value);
    }

    private JsonNode object(JsonNode schema, int ordinal, int depth) {
        List<String> keys = new ObjectKeys(schema, depth < OPTIONAL_DEPTH).choose();
        ObjectNode out = NODES.objectNode();
        for (String key : keys) {
            out.set(key, value(propertySchema(schema, key), key, ordinal, depth + 1));
        }
        int minProperties = schema.path("minProperties").asInt(0);
        boolean extrasAllowed = !schema.path("additionalProperties").isBoolean()
                || schema.get("additionalProperties").booleanValue() || !schema.path("patternProperties").isEmpty();
        for (String key : schema.path("properties").propertyNames()) {
            if (out.size() >= minProperties) break;
            if (!out.has(key)) out.set(key, value(propertySchema(schema, key), key, ordinal, depth + 1));
        }
        for (int i = 1; out.size() < minProperties && extrasAllowed && i <= minProperties * 2; i++) {
            String key = extraKey(schema, i, depth);
            if (!out.has(key)) out.set(key, value(propertySchema(schema, key), key, ordinal, depth + 1));
        }
        return out;
    }

    /** A name for the i-th property beyond the declared ones that the schema admits. */
    private String extraKey(JsonNode schema, int i, int depth) {
        String plain = "extra_" + i;
        if (schema.has("propertyNames")) return value(schema.get("propertyNames"), "key", i, depth + 1).asString(plain);
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isBoolean() || additional.booleanValue()) return plain;
        for (String pattern : schema.path("patternProperties").propertyNames()) {
            String key = PatternStringGenerator.generate(pattern, 0, Integer.MAX_VALUE, i).orElse(null);
            if (key == null) continue;
            return SchemaCheck.finds(pattern, key + i) ? key + i : key;
        }
        return plain;
    }

    /** The schema a property's value must satisfy: its own, a matching pattern's, or additionalProperties. */
    private JsonNode propertySchema(JsonNode schema, String key) {
        JsonNode own = schema.path("properties").get(key);
        if (own != null) return own;
        for (Map.Entry<String, JsonNode> p : schema.path("patternProperties").properties()) {
            if (SchemaCheck.finds(p.getKey(), key)) return p.getValue();
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional == null || additional.isBoolean() ? BooleanNode.TRUE : additional;
    }

    private JsonNode array(JsonNode schema, String name, int ordinal, int depth) {
        boolean tuple = schema.path("items").isArray();
        JsonNode prefix = schema.path("prefixItems").isArray() ? schema.get("prefixItems")
                : tuple ? schema.get("items") : NODES.arrayNode();
        JsonNode rest = tuple ? schema.path("additionalItems") : schema.path("items");
        if (rest.isMissingNode()) rest = BooleanNode.TRUE;
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        if (rest.isBoolean() && !rest.booleanValue()) max = Math.min(max, prefix.size());
        JsonNode contains = schema.get("contains");
        int minContains = contains == null ? 0 : schema.path("minContains").asInt(1);
        int wanted = Math.max(depth < OPTIONAL_DEPTH ? Math.max(1, prefix.size()) : prefix.size(), minContains);
        int count = Math.min(Math.max(wanted, min), max);
        boolean unique = schema.path("uniqueItems").asBoolean(false);
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : rest;
            if (contains != null && i - prefix.size() >= 0 && i - prefix.size() < minContains) {
                itemSchema = resolver.merger().merge(List.of(itemSchema, contains));
            }
            JsonNode item = value(itemSchema, name, ordinal + i, depth + 1);
            for (int retry = 1; unique && contains(out, item) && retry <= UNIQUE_RETRIES; retry++) {
                item = value(itemSchema, name, ordinal + i + retry * count, depth + 1);
            }
            if (unique && contains(out, item) && out.size() >= min) continue;
            out.add(item);
        }
        return out;
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode existing : array) {
            if (JsonValues.equal(existing, item)) return true;
        }
        return false;
    }

    /** Which keys an object instance gets: required ones, optional ones when asked, dependencies, within maxProperties. */
    private record ObjectKeys(JsonNode schema, boolean withOptional) {
        List<String> choose() {
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(n -> addOnce(required, n.asString()));
            List<String> chosen = withDependencies(required);
            int max = schema.path("maxProperties").asInt(Integer.MAX_VALUE);
            if (withOptional) {
                for (String key : schema.path("properties").propertyNames()) {
                    if (chosen.contains(key)) continue;
                    List<String> trial = new ArrayList<>(chosen);
                    trial.add(key);
                    trial = withDependencies(trial);
                    if (trial.size() <= max) chosen = trial;
                }
            }
            List<String> ordered = new ArrayList<>();
            for (String key : schema.path("properties").propertyNames()) {
                if (chosen.contains(key)) ordered.add(key);
            }
            for (String key : chosen) addOnce(ordered, key);
            return ordered;
        }

        /** {@code keys} plus every key they require through dependentRequired (or draft-7 dependencies). */
        private List<String> withDependencies(List<String> keys) {
            List<String> closed = new ArrayList<>(keys);
            for (int i = 0; i < closed.size(); i++) {
                JsonNode needs = schema.path("dependentRequired").path(closed.get(i));
                if (!needs.isArray()) needs = schema.path("dependencies").path(closed.get(i));
                if (needs.isArray()) needs.forEach(n -> addOnce(closed, n.asString()));
            }
            return closed;
        }

        private static void addOnce(List<String> keys, String key) {
            if (!keys.contains(key)) keys.add(key);
        }
    }
}
