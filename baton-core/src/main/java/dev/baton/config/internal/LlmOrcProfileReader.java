package dev.baton.config.internal;

import dev.baton.config.ConfigException;
import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the model profiles of one llm-orc folder (a project's {@code .llm-orc/} or the global
 * {@code ~/.config/llm-orc/}) in the order llm-orc merges them, later ones replacing earlier ones of
 * the same name whole: {@code model_profiles:} of {@code config.yaml}, then each
 * {@code profiles/*.yaml} (a file is one profile with a top-level {@code name:}, or a
 * {@code model_profiles:} map), by file name, with the {@code *.local.yaml} files last so that a
 * local override wins. The rest of llm-orc's {@code config.yaml} ({@code project:},
 * {@code performance:}, …) is llm-orc's own and is not read. Nothing is ever written.
 */
public final class LlmOrcProfileReader {

    /** One profile as an llm-orc file defines it, with the line of its name. */
    public record Definition(String name, JsonNode body, Path file, int line) {
    }

    /** What one folder gives: its profile definitions in load order, the files read, and files skipped with why. */
    public record Result(List<Definition> definitions, List<Path> files, List<String> warnings) {
    }

    private final ObjectMapper yaml = YamlLimits.mapperBuilder().build();

    /** The profiles of {@code llmOrcDir}; a YAML syntax error fails with the file and line. */
    public Result read(Path llmOrcDir) {
        List<Definition> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path config = llmOrcDir.resolve("config.yaml");
        if (Files.isRegularFile(config)) {
            files.add(config);
            JsonNode root = tree(config);
            if (root != null) mapOfProfiles(root, config, out, warnings);
        }
        for (Path file : profileFiles(llmOrcDir.resolve("profiles"))) {
            files.add(file);
            JsonNode root = tree(file);
            if (root == null || !root.isObject()) {
                warnings.add(file + ": not a profile (llm-orc skips it too)");
            } else if (root.has("name") && root.get("name").isString()) {
                out.add(new Definition(root.get("name").asString(), root, file, keyLines(file, null).getOrDefault("name", 1)));
            } else if (root.has("model_profiles")) {
                mapOfProfiles(root, file, out, warnings);
            } else {
                warnings.add(file + ": has neither 'name:' nor 'model_profiles:', so it defines no profile");
            }
        }
        return new Result(List.copyOf(out), List.copyOf(files), List.copyOf(warnings));
    }

    private void mapOfProfiles(JsonNode root, Path file, List<Definition> out, List<String> warnings) {
        JsonNode map = root.path("model_profiles");
        if (map.isMissingNode() || map.isNull()) return;
        if (!map.isObject()) {
            throw ConfigException.at(file, keyLines(file, null).getOrDefault("model_profiles", -1), -1,
                    "'model_profiles' must be a map of profile names to profiles");
        }
        Map<String, Integer> lines = keyLines(file, "model_profiles");
        for (var entry : map.properties()) {
            int line = lines.getOrDefault(entry.getKey(), -1);
            if (!entry.getValue().isObject()) {
                warnings.add(file + ":" + line + ": profile '" + entry.getKey() + "' is not a map; skipped");
                continue;
            }
            out.add(new Definition(entry.getKey(), entry.getValue(), file, line));
        }
    }

    /** {@code *.yaml} of the folder by name, {@code *.local.yaml} after the others. */
    private static List<Path> profileFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing((Path f) -> isLocal(f)).thenComparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list llm-orc profiles in " + dir, e);
        }
    }

    private static boolean isLocal(Path file) {
        return file.getFileName().toString().endsWith(".local.yaml");
    }

    private JsonNode tree(Path file) {
        String text;
        try {
            text = Utf8TextReader.readFile(file, Utf8TextReader.MAX_YAML_BYTES);
        } catch (UnreadableTextException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        if (text.isBlank()) return null;
        String oversize = YamlLimits.oversize(text);
        if (oversize != null) throw ConfigException.at(file, -1, -1, oversize);
        try {
            return yaml.readTree(text);
        } catch (JacksonException e) {
            YamlErrors.Located where = YamlErrors.syntax(e);
            throw ConfigException.at(file, where.line(), where.column(), "YAML syntax error: " + where.message());
        }
    }

    /** The 1-based line of each top-level key ({@code under} null), or of each key under the top-level key {@code under}. */
    private Map<String, Integer> keyLines(Path file, String under) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.createParser(Files.readString(file))) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t != JsonToken.PROPERTY_NAME) continue;
                var context = parser.streamReadContext();
                var parent = context.getParent();
                boolean top = parent != null && parent.inRoot();
                boolean nested = parent != null && parent.getParent() != null && parent.getParent().inRoot()
                        && under != null && under.equals(parent.currentName());
                if (under == null ? top : nested) {
                    lines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException | RuntimeException e) {
            // lines are a nicety: the file parsed already, so a profile is reported without one
        }
        return lines;
    }
}
