package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.provider.scripted.internal.UnknownKeys;
import dev.baton.provider.scripted.internal.YamlPositions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@link ScriptedScript}s from YAML files, YAML text, or a tree the configuration loader
 * already parsed. Unknown keys, wrong types and invalid values are {@link BatonException}s with
 * code {@link ErrorCode#VALIDATION} whose message names the source, the line and column (when
 * the input had lines) and the field path, e.g.
 * {@code scripts/a.yaml, line 7, column 5, at replies[1].latency_ms: ...}.
 * Instances are thread-safe.
 */
public final class ScriptedScriptLoader {

    private final ObjectMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /** Loads a YAML script file. A missing or unreadable file is a VALIDATION error naming it. */
    public ScriptedScript load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BatonException(ErrorCode.VALIDATION, "scripted script " + file + " does not exist");
        } catch (IOException e) {
            throw new BatonException(ErrorCode.VALIDATION, "cannot read scripted script " + file + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
        return parse(yaml, file.toString());
    }

    /** Parses YAML text; {@code sourceName} is used in error messages. An empty text is an empty script. */
    public ScriptedScript parse(String yaml, String sourceName) {
        YamlPositions positions = YamlPositions.of(mapper, yaml);
        try {
            // The tree tells an empty document (blank or comments only) from a script and feeds the
            // unknown-key check; binding from the text keeps Jackson's line numbers in errors.
            JsonNode tree = mapper.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) return ScriptedScript.empty();
            rejectUnknownKeys(tree, sourceName, positions);
            return mapper.readValue(yaml, ScriptedScript.class);
        } catch (JacksonException e) {
            throw failure(sourceName, e, positions);
        }
    }

    /** Binds an already parsed tree (a profile's {@code script:} block); {@code sourceName} names it in errors. */
    public ScriptedScript fromNode(JsonNode node, String sourceName) {
        if (node == null || node.isNull() || node.isMissingNode()) return ScriptedScript.empty();
        rejectUnknownKeys(node, sourceName, null);
        try {
            return mapper.treeToValue(node, ScriptedScript.class);
        } catch (JacksonException e) {
            throw failure(sourceName, e, null);
        }
    }

    /** Binds a plain map (as a YAML library hands it over); {@code sourceName} names it in errors. */
    public ScriptedScript fromMap(Map<String, ?> map, String sourceName) {
        if (map == null) return ScriptedScript.empty();
        try {
            return fromNode(mapper.valueToTree(map), sourceName);
        } catch (IllegalArgumentException e) {
            throw new BatonException(ErrorCode.VALIDATION, "scripted script " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static void rejectUnknownKeys(JsonNode tree, String sourceName, YamlPositions positions) {
        UnknownKeys.find(tree, ScriptedScript.class).ifPresent(unknown -> {
            String problem = "unknown field '" + unknown.key() + "' (known fields: "
                    + unknown.known().stream().sorted().collect(Collectors.joining(", ")) + ")";
            throw located(sourceName, positions == null ? null : positions.at(unknown.path()), unknown.path(), problem, null);
        });
    }

    private static BatonException failure(String sourceName, JacksonException e, YamlPositions positions) {
        List<Object> path = segments(e.getPath());
        int[] position = null;
        TokenStreamLocation location = e.getLocation();
        if (e instanceof ValueInstantiationException && positions != null) {
            // Jackson places constructor failures at the end of the object; its start is more useful.
            position = positions.at(path);
        }
        if (position == null && location != null && location != TokenStreamLocation.NA && location.getLineNr() > 0) {
            position = new int[]{location.getLineNr(), location.getColumnNr()};
        }
        return located(sourceName, position, path, problem(e), e);
    }

    private static BatonException located(String sourceName, int[] position, List<Object> path, String problem,
                                          Throwable cause) {
        StringBuilder where = new StringBuilder("scripted script ").append(sourceName);
        if (position != null) where.append(", line ").append(position[0]).append(", column ").append(position[1]);
        String dotted = dotted(path);
        if (!dotted.isEmpty()) where.append(", at ").append(dotted);
        return BatonException.builder(ErrorCode.VALIDATION, where + ": " + problem)
                .suggestion("see docs/scripted-provider.md for the script format")
                .cause(cause)
                .build();
    }

    private static String problem(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof RuntimeException cause
                && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static List<Object> segments(List<JacksonException.Reference> references) {
        List<Object> path = new ArrayList<>();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) path.add(ref.getPropertyName());
            else if (ref.getIndex() >= 0) path.add(ref.getIndex());
        }
        return path;
    }

    /** {@code replies[1].tool_calls[0].name} from path segments. */
    private static String dotted(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
