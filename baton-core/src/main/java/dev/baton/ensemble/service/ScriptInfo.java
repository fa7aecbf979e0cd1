package dev.baton.ensemble.service;

import java.nio.file.Path;

/**
 * One script file: its name as {@code script:} refers to it, tier, file, the interpreter the engine
 * would use ({@code python3}, {@code bash}, {@code node}, {@code ruby}, {@code executable}; null when
 * the engine cannot run it), the first line of its leading comment, and whether an earlier tier has
 * the same name.
 */
public record ScriptInfo(String name, Tier tier, Path path, String interpreter, String description, boolean shadowed) {

    public boolean runnable() {
        return interpreter != null;
    }
}
