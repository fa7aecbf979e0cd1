package dev.baton.config;

import tools.jackson.core.JacksonException;

import java.util.Collection;
import java.util.stream.Collectors;

/** Readable pieces of a YAML binding failure: the field path, the known keys, the first line. */
public final class YamlErrors {

    private YamlErrors() {
    }

    /** The field path of a binding failure, e.g. {@code 'models[3].prices.input'}, or "the top level". */
    public static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    /** {@code " (known keys: a, b)"}, or an empty string when none are known. */
    public static String knownKeys(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    /** The first line of a parser message (the rest repeats the source excerpt). */
    public static String firstLine(String s) {
        if (s == null) return "invalid YAML";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
