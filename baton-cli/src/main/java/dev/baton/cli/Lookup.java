package dev.baton.cli;

import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.Ensembles;

import java.nio.file.Path;

/** Ensemble lookup for commands: a name that matches nothing is a usage error (exit 2, code NOT_FOUND), with the service's message. */
final class Lookup {

    private Lookup() {
    }

    static Path locate(Ensembles ensembles, String nameOrPath) {
        try {
            return ensembles.locate(nameOrPath);
        } catch (EnsembleNotFoundException e) {
            throw UsageException.notFound(e.getMessage());
        }
    }
}
