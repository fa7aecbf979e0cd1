package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.spec.SourceLines;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML into a JSON tree while remembering the line of every key and value (by JSON
 * pointer), because Jackson's tree model drops locations and error messages need them.
 * Duplicate keys are reported, not silently overwritten.
 */
public final class YamlTree {

    /** An alias ({@code *name}): refused, because the YAML reader would hand it over as the text "name". */
    public static final class AliasException extends RuntimeException {
        private final int line;

        AliasException(String anchor, int line) {
            super("YAML aliases are not supported ('*" + anchor + "'): write the value out in full");
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** The tree, its lines, and keys that occurred twice (as pointers). */
    public record Result(JsonNode root, SourceLines lines, List<String> duplicateKeys) {
    }

    private final YAMLMapper mapper;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<String> duplicates = new java.util.ArrayList<>();

    private YamlTree(YAMLMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses {@code yaml}; throws Jackson's exception (with a location) on a syntax error or a
     * broken limit, and {@link AliasException} on an alias.
     */
    public static Result read(YAMLMapper mapper, String yaml) {
        YamlTree tree = new YamlTree(mapper);
        try (JsonParser p = mapper.createParser(yaml)) {
            JsonToken first = p.nextToken();
            JsonNode root = first == null ? JsonNodeFactory.instance.nullNode() : tree.value(p, "");
            return new Result(root, new SourceLines(tree.lines), List.copyOf(tree.duplicates));
        }
    }

    private JsonNode value(JsonParser p, String pointer) {
        lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new AliasException(p.getString(), p.currentTokenLocation().getLineNr());
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> object(p, pointer);
            case START_ARRAY -> array(p, pointer);
            case VALUE_STRING -> f.stringNode(p.getString());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> f.numberNode(p.getIntValue());
                case LONG -> f.numberNode(p.getLongValue());
                default -> f.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> f.stringNode(p.getString());
        };
    }

    private ObjectNode object(JsonParser p, String pointer) {
        ObjectNode node = mapper.createObjectNode();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            if (node.has(key)) duplicates.add(child);
            lines.put(child, p.currentTokenLocation().getLineNr());
            p.nextToken();
            node.set(key, value(p, child));
        }
        return node;
    }

    private ArrayNode array(JsonParser p, String pointer) {
        ArrayNode node = mapper.createArrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(p, pointer + "/" + i++));
        }
        return node;
    }
}
