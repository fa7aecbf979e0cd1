package dev.baton.ensemble.testing.internal;

import dev.baton.ensemble.spec.Condition;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The JSONPath subset the {@code tests:} block uses: {@code $}, {@code .field},
 * {@code ['field']} and {@code [index]}, e.g. {@code $.findings[0].severity}.
 */
public record JsonPathQuery(String source, List<String> steps) {

    public static JsonPathQuery parse(String path) {
        String p = path.strip();
        if (!p.startsWith("$")) throw new IllegalArgumentException("json_path must start with '$': " + path);
        List<String> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') end++;
                if (end == i + 1) throw new IllegalArgumentException("empty field in json_path " + path);
                steps.add(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) throw new IllegalArgumentException("unclosed '[' in json_path " + path);
                String inner = p.substring(i + 1, close).strip();
                if (inner.length() >= 2 && (inner.startsWith("'") || inner.startsWith("\""))) {
                    inner = inner.substring(1, inner.length() - 1);
                } else if (!inner.chars().allMatch(Character::isDigit) || inner.isEmpty()) {
                    throw new IllegalArgumentException("unsupported index '" + inner + "' in json_path " + path);
                }
                steps.add(inner);
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in json_path " + path);
            }
        }
        return new JsonPathQuery(path, steps);
    }

    /** The value at this path in {@code root}, or null when absent. */
    JsonNode select(JsonNode root) {
        return Condition.walk(root, steps);
    }
}
