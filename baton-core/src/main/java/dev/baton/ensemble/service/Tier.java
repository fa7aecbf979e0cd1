package dev.baton.ensemble.service;

import java.util.Locale;

/**
 * Where an ensemble or script was found: the project's {@code .baton/}, the project's root folder
 * (scripts only), the user tier, the project's {@code .llm-orc/}, llm-orc's global folder
 * ({@code ~/.config/llm-orc}), or a plain file.
 */
public enum Tier {
    PROJECT, PROJECT_ROOT, USER, FILE, LLM_ORC, LLM_ORC_USER;

    /** {@code project}, {@code project-root}, {@code user}, {@code file}, {@code llm-orc} or {@code llm-orc-user}, as the faces show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
