package dev.baton.config;

import java.nio.file.Path;

/**
 * A {@code ${NAME}} without a default, found unset when a configuration file was read: where
 * ({@code file}, {@code line}, the dotted {@code field}, e.g. {@code providers.groq.api_key}),
 * which variable, and what the value expanded to without it. {@code file} is null for text that
 * came from no file.
 */
public record UnsetVariable(Path file, int line, String field, String variable, String expandedTo) {

    /** {@code file:line}, or what is known of it. */
    public String location() {
        String f = file == null ? "<config>" : file.toString();
        return line > 0 ? f + ":" + line : f;
    }
}
