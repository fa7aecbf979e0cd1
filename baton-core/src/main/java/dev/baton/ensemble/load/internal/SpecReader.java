package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.spec.SourceLines;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.Condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.baton.config.internal.YamlErrors;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to one parsed YAML tree that records a {@link Problem} (with file, agent and
 * line) instead of throwing, so the parser can report every problem of a file at once.
 */
public final class SpecReader {

    private final String file;
    private final SourceLines lines;
    private final List<Problem> problems = new ArrayList<>();

    public SpecReader(String file, SourceLines lines) {
        this.file = file;
        this.lines = lines;
    }

    String file() {
        return file;
    }

    public SourceLines lines() {
        return lines;
    }

    public List<Problem> problems() {
        return problems;
    }

    public void problem(String pointer, String agent, String message) {
        problems.add(new Problem(file, agent, lines.at(pointer), message));
    }

    /** Reports keys of {@code node} that are not in {@code allowed}, suggesting a near miss. */
    public void checkKeys(JsonNode node, Set<String> allowed, String pointer, String agent, String where) {
        for (String key : node.propertyNames()) {
            if (allowed.contains(key)) continue;
            String hint = closest(key, allowed);
            problem(pointer + "/" + key, agent, "unknown key '" + key + "' in " + where
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
        }
    }

    public String string(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isString()) return n.stringValue();
        if (n.isNumber() || n.isBoolean()) return n.asString();
        problem(pointer + "/" + key, agent, "'" + key + "' must be a string, found " + YamlErrors.describe(n));
        return null;
    }

    public Integer integer(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isIntegralNumber() && n.canConvertToInt()) return n.intValue();
        problem(pointer + "/" + key, agent, "'" + key + "' must be a whole number, found " + YamlErrors.describe(n));
        return null;
    }

    public Long longValue(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        problem(pointer + "/" + key, agent, "'" + key + "' must be a whole number, found " + YamlErrors.describe(n));
        return null;
    }

    public BigDecimal decimal(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isNumber()) return n.decimalValue();
        problem(pointer + "/" + key, agent, "'" + key + "' must be a number, found " + YamlErrors.describe(n));
        return null;
    }

    public Boolean bool(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        problem(pointer + "/" + key, agent, "'" + key + "' must be true or false, found " + YamlErrors.describe(n));
        return null;
    }

    /** A list of strings; a single string is taken as a list of one. */
    public List<String> strings(JsonNode parent, String key, String pointer, String agent) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return List.of();
        if (n.isString()) return List.of(n.stringValue());
        List<String> out = new ArrayList<>();
        if (!n.isArray()) {
            problem(pointer + "/" + key, agent, "'" + key + "' must be a list of strings, found " + YamlErrors.describe(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isString()) out.add(n.get(i).stringValue());
            else problem(pointer + "/" + key + "/" + i, agent, "'" + key + "' entries must be strings, found " + YamlErrors.describe(n.get(i)));
        }
        return out;
    }

    public <E extends Enum<E>> E enumValue(JsonNode parent, String key, Class<E> type, String pointer, String agent) {
        String text = string(parent, key, pointer, agent);
        if (text == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) return e;
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) allowed.add(e.name().toLowerCase(java.util.Locale.ROOT));
        problem(pointer + "/" + key, agent, "'" + key + "' must be one of " + allowed + ", got '" + text + "'");
        return null;
    }

    public Condition condition(JsonNode parent, String key, String pointer, String agent) {
        String text = string(parent, key, pointer, agent);
        if (text == null) return null;
        try {
            return Condition.parse(text);
        } catch (IllegalArgumentException e) {
            problem(pointer + "/" + key, agent, "invalid '" + key + "': " + e.getMessage());
            return null;
        }
    }

    static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int d = dev.baton.error.EditDistance.between(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }
}
