package dev.baton.coordinator;

import dev.baton.coordinator.internal.PromptTemplates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's bundled prompt templates ({@code planner.md}, {@code synthesis.md} and one per
 * internal tool), for writing out to {@code .baton/prompts/} where a file of the same name
 * replaces the bundled one.
 */
public final class CoordinatorPrompts {

    private CoordinatorPrompts() {
    }

    /** Every bundled template by file name. */
    public static Map<String, String> bundled() {
        return PromptTemplates.bundledAll();
    }

    /** Writes the bundled templates into {@code dir} (existing files kept unless {@code overwrite}); returns those written. */
    public static List<Path> write(Path dir, boolean overwrite) {
        return PromptTemplates.writeBundled(dir, overwrite);
    }
}
