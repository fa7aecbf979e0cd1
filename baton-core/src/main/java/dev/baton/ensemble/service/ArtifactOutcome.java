package dev.baton.ensemble.service;

import dev.baton.artifact.ArtifactRef;

import java.util.Optional;

/**
 * What became of one run's artifacts: where its files were written ({@code ref}, null when they
 * could not be, then {@code writeFailure} says why, causes included) and, when they were, why
 * the run index could not record them ({@code indexFailure}, null when it did). The files on
 * disk are the source of truth; a missing index entry loses nothing.
 */
public record ArtifactOutcome(String runId, ArtifactRef ref, String writeFailure, String indexFailure) {

    public Optional<ArtifactRef> written() {
        return Optional.ofNullable(ref);
    }
}
