package dev.baton.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the configuration came from: every file read (Baton's {@code config.yaml} of the user and
 * project tiers, llm-orc's {@code config.yaml} and {@code profiles/*.yaml} of its global folder and
 * of the project's {@code .llm-orc/}), in the order they were applied; every profile definition,
 * later ones winning; the llm-orc profiles Baton cannot use, with why; and what was read but
 * ignored.
 */
public record ConfigSources(List<ConfigFile> files, List<ProfileDefinition> profiles, Map<String, String> unusable,
                            List<String> warnings) {

    /** Nothing read from files (a configuration built in code). */
    public static final ConfigSources NONE = new ConfigSources(List.of(), List.of(), Map.of(), List.of());

    public ConfigSources {
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
        unusable = Map.copyOf(unusable);
        warnings = List.copyOf(warnings);
    }

    /** A file read, and its tier: {@code user}, {@code project}, {@code llm-orc-user} or {@code llm-orc}. */
    public record ConfigFile(Path path, String tier) {
    }

    /** One definition of a profile: its name, file, line (-1 when unknown) and tier. */
    public record ProfileDefinition(String name, Path file, int line, String tier) {

        /** {@code file:line}. */
        public String location() {
            return file + (line > 0 ? ":" + line : "");
        }
    }

    /** The definition that won for {@code name}: the last one read. */
    public Optional<ProfileDefinition> origin(String name) {
        ProfileDefinition found = null;
        for (ProfileDefinition d : profiles) if (d.name().equals(name)) found = d;
        return Optional.ofNullable(found);
    }

    /** The definitions of {@code name} that a later one replaced. */
    public List<ProfileDefinition> overridden(String name) {
        List<ProfileDefinition> all = profiles.stream().filter(d -> d.name().equals(name)).toList();
        return all.isEmpty() ? List.of() : all.subList(0, all.size() - 1);
    }
}
