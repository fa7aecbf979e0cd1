package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        if (yaml.isBlank()) return ScriptedScript.empty();
        try {
            ScriptedScript script = mapper.readValue(yaml, ScriptedScript.class);
            return script == null ? ScriptedScript.empty() : script;
        } catch (JacksonException e) {
            throw failure(sourceName, e);
        }
    }

    /** Binds an already parsed tree (a profile's {@code script:} block); {@code sourceName} names it in errors. */
    public ScriptedScript fromNode(JsonNode node, String sourceName) {
        if (node == null || node.isNull() || node.isMissingNode()) return ScriptedScript.empty();
        try {
            return mapper.treeToValue(node, ScriptedScript.class);
        } catch (JacksonException e) {
            throw failure(sourceName, e);
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

    private static BatonException failure(String sourceName, JacksonException e) {
        StringBuilder where = new StringBuilder("scripted script ").append(sourceName);
        TokenStreamLocation location = e.getLocation();
        if (location != null && location != TokenStreamLocation.NA && location.getLineNr() > 0) {
            where.append(", line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String path = path(e.getPath());
        if (!path.isEmpty()) where.append(", at ").append(path);
        return BatonException.builder(ErrorCode.VALIDATION, where + ": " + problem(e))
                .suggestion("see docs/scripted-provider.md for the script format")
                .cause(e)
                .build();
    }

    private static String problem(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known fields: " + known + ")");
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof RuntimeException cause
                && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** {@code replies[1].tool_calls[0].name} from Jackson's reference chain. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
