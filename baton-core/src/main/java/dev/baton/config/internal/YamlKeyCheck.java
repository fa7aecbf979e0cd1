package dev.baton.config.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One streaming pass over a YAML document before it is bound, refusing what binding would
 * silently get wrong: a key given twice in one mapping (binding keeps the last) and an alias
 * ({@code *name}, which the YAML reader hands over as the plain text "name").
 */
final class YamlKeyCheck {

    /** What the pass found wrong, with its 1-based line and column. */
    record Finding(int line, int column, String message) {
    }

    private YamlKeyCheck() {
    }

    /** The first duplicate key or alias of {@code text}, or null; throws Jackson's exception on bad syntax. */
    static Finding firstProblem(ObjectMapper yaml, String text) {
        Deque<Set<String>> keys = new ArrayDeque<>();
        try (JsonParser p = yaml.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    return at(p, "YAML aliases are not supported ('*" + p.getString()
                            + "'): write the value out in full");
                }
                switch (t) {
                    case START_OBJECT -> keys.push(new HashSet<>());
                    case START_ARRAY -> keys.push(Set.of());
                    case END_OBJECT, END_ARRAY -> keys.pop();
                    case PROPERTY_NAME -> {
                        String key = p.currentName();
                        if (!keys.peek().add(key)) {
                            return at(p, "duplicate key '" + key + "' in " + where(p));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return null;
    }

    /** The path of the mapping that holds the current key, e.g. {@code 'profiles.fast'}. */
    private static String where(JsonParser p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (var c = p.streamReadContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) parts.add("." + c.currentName());
            else if (c.inArray()) parts.add("[" + c.getCurrentIndex() + "]");
        }
        if (parts.isEmpty()) return "the top level";
        java.util.Collections.reverse(parts);
        String joined = String.join("", parts);
        return "'" + (joined.startsWith(".") ? joined.substring(1) : joined) + "'";
    }

    private static Finding at(JsonParser p, String message) {
        var loc = p.currentTokenLocation();
        return new Finding(loc.getLineNr(), loc.getColumnNr(), message);
    }
}
