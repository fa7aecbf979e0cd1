package dev.baton.ensemble.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A {@code when} / {@code until} condition: {@code ${ref}} (truthiness), {@code ${ref} == value}
 * or {@code ${ref} != value}, optionally negated with a leading {@code !} or {@code not}. A
 * reference is a dotted path ({@code ${review.verdict}}, {@code ${items.0.name}}); what its first
 * segment names is up to the caller (an agent for {@code when}, an output field for
 * {@code until}). Values are {@code true}, {@code false}, {@code null}, numbers, quoted strings
 * or bare words. A missing value is falsy and equals only {@code null}.
 */
public record Condition(String source, List<String> reference, Op op, JsonNode value, boolean negated) {

    /** The comparison of a condition. */
    public enum Op { TRUTHY, EQUALS, NOT_EQUALS }

    public Condition {
        Objects.requireNonNull(source, "source");
        reference = List.copyOf(reference);
    }

    /** Parses a condition; throws {@link IllegalArgumentException} with a readable message. */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty condition");
        String expr = text.strip();
        boolean negated = false;
        if (expr.startsWith("!") && !expr.startsWith("!=")) {
            negated = true;
            expr = expr.substring(1).strip();
        } else if (expr.startsWith("not ")) {
            negated = true;
            expr = expr.substring(4).strip();
        }
        int opAt = findOperator(expr);
        if (opAt < 0) return new Condition(text, parseReference(expr, text), Op.TRUTHY, null, negated);
        Op op = expr.charAt(opAt) == '=' ? Op.EQUALS : Op.NOT_EQUALS;
        List<String> ref = parseReference(expr.substring(0, opAt).strip(), text);
        JsonNode value = parseLiteral(expr.substring(opAt + 2).strip());
        return new Condition(text, ref, op, value, negated);
    }

    private static int findOperator(String expr) {
        char quote = 0;
        for (int i = 0; i < expr.length() - 1; i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if ((c == '=' || c == '!') && expr.charAt(i + 1) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> parseReference(String token, String whole) {
        if (!token.startsWith("${") || !token.endsWith("}") || token.length() < 4) {
            throw new IllegalArgumentException("condition '" + whole + "' must start with a ${agent.field} reference");
        }
        String path = token.substring(2, token.length() - 1).strip();
        List<String> parts = new ArrayList<>(List.of(path.split("\\.", -1)));
        if (parts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("condition '" + whole + "' has an empty segment in ${" + path + "}");
        }
        return parts;
    }

    static JsonNode parseLiteral(String token) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (token.isEmpty()) throw new IllegalArgumentException("missing value after comparison");
        if (token.equals("true") || token.equals("false")) return f.booleanNode(Boolean.parseBoolean(token));
        if (token.equals("null")) return f.nullNode();
        char first = token.charAt(0);
        if (token.length() >= 2 && (first == '"' || first == '\'') && token.charAt(token.length() - 1) == first) {
            return f.stringNode(token.substring(1, token.length() - 1));
        }
        try {
            return f.numberNode(new BigDecimal(token));
        } catch (NumberFormatException notNumber) {
            return f.stringNode(token);
        }
    }

    /** The first segment of the reference (for {@code when}: the agent whose output is read). */
    public String root() {
        return reference.get(0);
    }

    /** Evaluates the condition; {@code resolver} maps the reference path to a value or null. */
    public boolean test(Function<List<String>, JsonNode> resolver) {
        JsonNode actual = resolver.apply(reference);
        boolean result = switch (op) {
            case TRUTHY -> truthy(actual);
            case EQUALS -> same(actual, value);
            case NOT_EQUALS -> !same(actual, value);
        };
        return negated != result;
    }

    /** Walks {@code path} from {@code node} through object fields and array indexes; null if absent. */
    public static JsonNode walk(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String part : path) {
            if (current == null) return null;
            if (current.isObject()) {
                current = current.get(part);
            } else if (current.isArray() && part.chars().allMatch(Character::isDigit)) {
                current = current.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return current;
    }

    static boolean truthy(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return false;
        if (node.isBoolean()) return node.booleanValue();
        if (node.isNumber()) return node.decimalValue().signum() != 0;
        if (node.isString()) return !node.stringValue().isEmpty();
        return !node.isEmpty();
    }

    static boolean same(JsonNode actual, JsonNode expected) {
        boolean actualNull = actual == null || actual.isNull() || actual.isMissingNode();
        if (expected.isNull() || actualNull) return actualNull && expected.isNull();
        if (actual.isNumber() && expected.isNumber()) return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        if (actual.isValueNode() && expected.isValueNode()) return actual.asString().equals(expected.asString());
        return actual.equals(expected);
    }

    @Override
    public String toString() {
        return source;
    }
}
