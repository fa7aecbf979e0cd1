package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Adds, changes and removes model profiles in the PROJECT {@code .baton/config.yaml}, keeping every
 * other byte of the file as it was: comments, blank lines, key order, quoting and the other
 * profiles. The edit is line-based — neither Jackson's YAML module nor snakeyaml-engine can write a
 * document back with its comments — and touches only the lines of the one profile entry inside the
 * block-style {@code profiles:} mapping (a new entry goes after the last one). The entry itself is
 * written fresh, one {@code key: value} line per field, so comments inside that entry are not kept.
 * The new file is parsed and checked like any configuration (known keys, types, the provider and
 * fallbacks exist, together with the user tier) before it is written, then replaces the old one
 * atomically. A {@code profiles:} mapping in flow style ({@code profiles: {...}}) is refused with a
 * message saying so.
 */
public final class ProfileEditor {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/$][A-Za-z0-9_./@+{}$-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BatonPaths paths;
    private final Map<String, String> env;
    private final Set<String> providerKinds;

    /** An editor of {@code paths}' project configuration; {@code env} expands {@code ${VAR}} while checking. */
    public ProfileEditor(BatonPaths paths, Map<String, String> env) {
        this(paths, env, ProviderRegistry.discoverFactories(ProfileEditor.class.getClassLoader()).keySet());
    }

    ProfileEditor(BatonPaths paths, Map<String, String> env, Set<String> providerKinds) {
        this.paths = paths;
        this.env = Map.copyOf(env);
        this.providerKinds = Set.copyOf(providerKinds);
    }

    /** The file edited and the profile's entry as written. */
    public record Change(String name, Path file, Map<String, Object> profile) {
    }

    /**
     * Adds profile {@code name} with {@code fields} (the keys of a profile: {@code provider},
     * {@code model}, {@code temperature}, ...), creating the file or its {@code profiles:} block if needed.
     *
     * @throws BatonException   {@code INVALID_REQUEST} when the project already has that profile, or for a bad name
     * @throws ConfigException  when the new configuration does not validate (file, line, field)
     */
    public Change create(String name, Map<String, Object> fields) {
        checkName(name);
        Path file = file();
        List<String> lines = lines(file);
        Block block = block(file, lines);
        if (block != null && block.entry(lines, name).isPresent()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "profile '" + name + "' already exists in " + file
                    + "; change it with update_profile");
        }
        List<String> out = new ArrayList<>(lines);
        if (block == null) {
            out.add("profiles:");
            out.addAll(render(name, fields, "  "));
        } else {
            out.addAll(block.end, render(name, fields, block.indent(lines)));
        }
        write(file, out, name);
        return new Change(name, file, fields);
    }

    /**
     * Changes profile {@code name}: each field of {@code changes} replaces the profile's value, a null
     * removes the key; the other keys stay.
     *
     * @throws BatonException {@code NOT_FOUND} when the project configuration has no such profile
     */
    public Change update(String name, Map<String, Object> changes) {
        checkName(name);
        Path file = file();
        List<String> lines = lines(file);
        Entry entry = find(file, lines, name);
        Map<String, Object> merged = new LinkedHashMap<>(current(lines, name));
        changes.forEach((k, v) -> {
            if (v == null) merged.remove(k);
            else merged.put(k, v);
        });
        List<String> out = new ArrayList<>(lines.subList(0, entry.start));
        out.addAll(render(name, merged, entry.indent));
        out.addAll(lines.subList(entry.end, lines.size()));
        write(file, out, name);
        return new Change(name, file, merged);
    }

    /**
     * Removes profile {@code name} from the project configuration.
     *
     * @throws BatonException {@code NOT_FOUND} when it has no such profile
     */
    public Path delete(String name) {
        checkName(name);
        Path file = file();
        List<String> lines = lines(file);
        Entry entry = find(file, lines, name);
        List<String> out = new ArrayList<>(lines.subList(0, entry.start));
        out.addAll(lines.subList(entry.end, lines.size()));
        write(file, out, null);
        return file;
    }

    private Path file() {
        return paths.projectConfigFile().orElseThrow(() -> new BatonException(ErrorCode.INVALID_REQUEST,
                "no project: there is no .baton folder in " + paths.workingDir() + " or above it (create one with baton init)"));
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "profile name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static Entry find(Path file, List<String> lines, String name) {
        Block block = block(file, lines);
        return (block == null ? Optional.<Entry>empty() : block.entry(lines, name)).orElseThrow(() ->
                new BatonException(ErrorCode.NOT_FOUND, "profile '" + name + "' is not in " + file
                        + " (only profiles of the project configuration can be changed here)"));
    }

    /** The profile's current keys, as the YAML says them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> current(List<String> lines, String name) {
        JsonNode root = YAMLMapper.builder().build().readTree(String.join("\n", lines));
        JsonNode node = root == null ? null : root.path("profiles").get(name);
        return node == null || !node.isObject() ? Map.of() : JSON.convertValue(node, LinkedHashMap.class);
    }

    /** The entry's lines: {@code name:} then one {@code key: value} per field, values as YAML scalars or JSON flow. */
    private static List<String> render(String name, Map<String, Object> fields, String indent) {
        List<String> out = new ArrayList<>();
        out.add(indent + name + ":" + (fields.isEmpty() ? " {}" : ""));
        fields.forEach((k, v) -> out.add(indent + "  " + k + ": " + scalar(v)));
        return out;
    }

    private static String scalar(Object value) {
        if (value instanceof String s && PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        // JSON is YAML: a quoted string, a number, a boolean or a flow list/map
        return JSON.writeValueAsString(value);
    }

    /**
     * Replaces the whole project configuration with {@code text} once it parses and checks like
     * the file Baton loads (over the user tier); {@code dryRun} checks only. The running process's
     * configuration is not changed.
     *
     * @return the project file
     * @throws ConfigException when {@code text} does not validate (file, line, field)
     */
    public Path replaceFile(String text, boolean dryRun) {
        Path file = file();
        if (dryRun) {
            check(file, text, null);
        } else {
            writeText(file, text, null);
        }
        return file;
    }

    private void write(Path file, List<String> lines, @Nullable String changed) {
        writeText(file, String.join("\n", lines) + "\n", changed);
    }

    private void writeText(Path file, String text, @Nullable String changed) {
        check(file, text, changed);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                keepPermissions(file, tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file kept private (it may hold a key) stays so when the new text replaces it. */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        if (!Files.exists(file)) return;
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the new file has the folder's default permissions
        }
    }

    /** Parses {@code text} as the project file, over the user tier, and checks the changed profile's references. */
    private void check(Path file, String text, @Nullable String changed) {
        ConfigLoader loader = new ConfigLoader(EnvExpander.of(env));
        BatonConfig project = loader.parse(text, file);
        BatonConfig merged = Files.isRegularFile(paths.userConfigFile())
                ? loader.read(paths.userConfigFile()).overrideWith(project) : project;
        if (changed == null) return;
        BatonConfig.ProfileConfig p = merged.profiles().get(changed);
        if (p == null) return;
        if (p.provider() == null || p.provider().isBlank()) {
            throw ConfigException.at(file, -1, -1, "profiles." + changed + ".provider: a profile needs a provider");
        }
        if (!merged.providers().containsKey(p.provider()) && !providerKinds.contains(p.provider())) {
            throw ConfigException.at(file, -1, -1, "profiles." + changed + ".provider: unknown provider '" + p.provider()
                    + "' (configured: " + merged.providers().keySet() + ", built in: " + new java.util.TreeSet<>(providerKinds) + ")");
        }
        for (String fallback : p.fallback()) {
            if (!merged.profiles().containsKey(fallback)) {
                throw ConfigException.at(file, -1, -1, "profiles." + changed + ".fallback: unknown profile '" + fallback + "'");
            }
        }
    }

    private static List<String> lines(Path file) {
        if (!Files.exists(file)) return List.of();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
            return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean content(String line) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith("#");
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') i++;
        return i;
    }

    /** The lines after the top-level {@code profiles:} key up to the last line of its last entry ({@code end} exclusive). */
    private record Block(int start, int end) {

        String indent(List<String> lines) {
            for (int i = start; i < end; i++) if (content(lines.get(i))) return " ".repeat(indentOf(lines.get(i)));
            return "  ";
        }

        Optional<Entry> entry(List<String> lines, String name) {
            String indent = indent(lines);
            Pattern key = Pattern.compile("^" + indent + "(" + Pattern.quote(name) + "|\"" + Pattern.quote(name) + "\"|'"
                    + Pattern.quote(name) + "')\\s*:.*");
            for (int i = start; i < end; i++) {
                if (!key.matcher(lines.get(i)).matches()) continue;
                int last = i;
                for (int j = i + 1; j < end; j++) {
                    if (content(lines.get(j)) && indentOf(lines.get(j)) <= indent.length()) break;
                    if (content(lines.get(j))) last = j;
                }
                return Optional.of(new Entry(i, last + 1, indent));
            }
            return Optional.empty();
        }
    }

    private record Entry(int start, int end, String indent) {
    }

    private static @Nullable Block block(Path file, List<String> lines) {
        Pattern header = Pattern.compile("^profiles\\s*:\\s*(#.*)?$");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("profiles") && !header.matcher(line).matches() && line.matches("^profiles\\s*:.*")) {
                throw ConfigException.at(file, i + 1, -1, "profiles: is written in flow style; write it as a block"
                        + " (one profile per indented line) to edit it here");
            }
            if (!header.matcher(line).matches()) continue;
            int last = i;
            for (int j = i + 1; j < lines.size(); j++) {
                String l = lines.get(j);
                if (content(l) && indentOf(l) == 0) break;
                // an indented comment after the last entry (a commented-out profile) stays inside the block
                if (content(l) || (!l.isBlank() && indentOf(l) > 0)) last = j;
            }
            return new Block(i + 1, last + 1);
        }
        return null;
    }
}
