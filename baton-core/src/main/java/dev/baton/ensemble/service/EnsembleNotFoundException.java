package dev.baton.ensemble.service;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.nio.file.Path;
import java.util.List;

/** No ensemble has the name or path asked for; {@link #known()} has the names that exist. Code {@code NOT_FOUND}. */
public final class EnsembleNotFoundException extends BatonException {

    private final String requested;
    private final List<String> known;

    public EnsembleNotFoundException(String requested, List<Path> searched, List<String> known) {
        super(ErrorCode.NOT_FOUND, "no ensemble '" + requested + "' (looked in " + searched + "; known: "
                + String.join(", ", known) + ")");
        this.requested = requested;
        this.known = List.copyOf(known);
    }

    public String requested() {
        return requested;
    }

    public List<String> known() {
        return known;
    }
}
