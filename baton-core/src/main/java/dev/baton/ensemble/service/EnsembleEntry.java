package dev.baton.ensemble.service;

import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.load.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * One ensemble file as {@link Ensembles#list()} and {@link Ensembles#read(Path)} see it: its name
 * ({@code name:}, else the file name), file, tier, the parsed spec (null when the file could not be
 * read or parsed at all; the first problem says why), its parse problems, and whether an earlier
 * file (the project tier's) already has this name.
 */
public record EnsembleEntry(String name, Path file, Tier tier, EnsembleSpec spec, List<Problem> problems,
                            boolean shadowed) {

    public EnsembleEntry {
        problems = List.copyOf(problems);
    }

    /** True when the file parsed without a problem (it may still fail validation). */
    public boolean ok() {
        return spec != null && problems.isEmpty();
    }
}
