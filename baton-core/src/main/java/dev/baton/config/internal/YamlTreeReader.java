package dev.baton.config.internal;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a YAML document into a {@link YamlNode} tree in one streaming pass, with the limits of
 * {@link YamlLimits}, refusing what binding would silently get wrong: a key given twice in one
 * mapping and an alias ({@code *name}, which the YAML reader hands over as the plain text "name").
 * The first such problem in document order is thrown as a {@link ConfigProblem}; bad syntax as
 * the YAML reader's own exception.
 */
final class YamlTreeReader {

    private static final ObjectMapper YAML = YamlLimits.mapperBuilder().build();

    private YamlTreeReader() {
    }

    /**
     * The document of {@code text}, or null when it holds none (only comments) or only a null.
     * A second document ({@code ---}) is refused: a configuration file holds one.
     */
    static @Nullable YamlNode read(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            YamlNode document = value(p, t, FieldPath.ROOT);
            if (p.nextToken() != null) {
                TokenStreamLocation at = p.currentTokenLocation();
                throw new ConfigProblem(at.getLineNr(), at.getColumnNr(),
                        "a second YAML document ('---'): a configuration file holds one");
            }
            return document instanceof YamlNode.Scalar s && s.isNull() ? null : document;
        }
    }

    private static YamlNode value(JsonParser p, JsonToken t, FieldPath path) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        refuseAlias(p);
        return switch (t) {
            case START_OBJECT -> mapping(p, path, line, column);
            case START_ARRAY -> sequence(p, path, line, column);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(t, p.getString(), p.getNumberValue(), line, column);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(t, p.getString(), p.getDoubleValue(), line, column);
            default -> new YamlNode.Scalar(t, p.getString(), null, line, column);
        };
    }

    private static YamlNode mapping(JsonParser p, FieldPath path, int line, int column) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            TokenStreamLocation at = p.currentTokenLocation();
            refuseAlias(p);
            String key = p.currentName();
            if (!keys.add(key)) {
                throw new ConfigProblem(at.getLineNr(), at.getColumnNr(),
                        "duplicate key '" + key + "' in " + path.quoted());
            }
            YamlNode value = value(p, p.nextToken(), path.key(key));
            entries.add(new YamlNode.Entry(key, at.getLineNr(), at.getColumnNr(), value));
        }
        return new YamlNode.Mapping(entries, line, column);
    }

    private static YamlNode sequence(JsonParser p, FieldPath path, int line, int column) {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(value(p, t, path.index(items.size())));
        }
        return new YamlNode.Sequence(items, line, column);
    }

    private static void refuseAlias(JsonParser p) {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            TokenStreamLocation at = p.currentTokenLocation();
            throw new ConfigProblem(at.getLineNr(), at.getColumnNr(),
                    "YAML aliases are not supported ('*" + p.getString() + "'): write the value out in full");
        }
    }
}
