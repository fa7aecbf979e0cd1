package dev.baton.ensemble.service;

import java.util.Locale;

/** Where an ensemble or script was found: the project, the project's root folder (scripts only), the user tier, or a plain file. */
public enum Tier {
    PROJECT, PROJECT_ROOT, USER, FILE;

    /** {@code project}, {@code project-root}, {@code user} or {@code file}, as the faces show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
