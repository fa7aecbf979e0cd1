package dev.baton.coordinator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator's prompt templates: the bundled ones (resources next to this class), each
 * replaced by a file of the same name in the prompts folder when one exists (read on every
 * request, so an edit needs no restart). {@code {{name}}} is replaced by the value of
 * {@code name}; an unknown name is left as written.
 */
public final class PromptTemplates {

    public static final List<String> NAMES = List.of("planner.md", "synthesis.md", "codebase_context.md",
            "codebase_changelog.md", "documentation_context.md", "documentation_changelog.md",
            "expert_architect_advice.md");
    private static final String RESOURCE_DIR = "/dev/baton/coordinator/prompts/";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([a-z_]+)}}");
    /** A template file larger than this is refused: it would not fit a prompt anyway. */
    private static final long MAX_BYTES = 256 * 1024;

    private final Path overrides;

    public PromptTemplates(Path overrides) {
        this.overrides = overrides;
    }

    /** The template {@code name}: the override file when it exists, else the bundled one. */
    public String template(String name) {
        Path file = overrides.resolve(name);
        if (Files.isRegularFile(file)) {
            try {
                if (Files.size(file) > MAX_BYTES) throw new IllegalStateException(file + ": a prompt template may have at most 256 KiB");
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read prompt template " + file, e);
            }
        }
        return bundled(name);
    }

    /** {@link #template} with its variables replaced. */
    public String render(String name, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(template(name));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every bundled template by name. */
    public static Map<String, String> bundledAll() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String n : NAMES) all.put(n, bundled(n));
        return all;
    }

    /** Writes the bundled templates into {@code dir}; existing files are kept unless {@code overwrite}. */
    public static List<Path> writeBundled(Path dir, boolean overwrite) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : bundledAll().entrySet()) {
                Path file = dir.resolve(e.getKey());
                if (Files.exists(file) && !overwrite) continue;
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write prompt templates to " + dir, e);
        }
        return written;
    }

    private static String bundled(String name) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) throw new IllegalArgumentException("no bundled prompt template " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
