package dev.baton.cli;

import dev.baton.artifact.ArtifactRef;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.ArtifactOutcome;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Collects what the ensemble service reports about each run's artifacts (it hears them on the
 * runs' threads) and prints where they went and the warnings: files not written, index not updated.
 * Thread-safe.
 */
final class ArtifactReport implements Consumer<ArtifactOutcome> {

    private final Map<String, ArtifactOutcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public void accept(ArtifactOutcome outcome) {
        outcomes.put(outcome.runId(), outcome);
    }

    /** How many runs' files were written. */
    int count() {
        return (int) outcomes.values().stream().filter(o -> o.ref() != null).count();
    }

    Optional<ArtifactRef> of(String runId) {
        return Optional.ofNullable(outcomes.get(runId)).flatMap(ArtifactOutcome::written);
    }

    /** The artifact directory of each of {@code results}, then every warning. */
    void print(PrintWriter err, List<RunResult> results) {
        for (RunResult r : results) of(r.runId()).ifPresent(ref -> err.println("baton: artifacts: " + ref.dir()));
        for (ArtifactOutcome o : outcomes.values()) {
            if (o.writeFailure() != null) {
                err.println("baton: warning: artifacts not written: run " + o.runId() + ": " + o.writeFailure());
            }
        }
        outcomes.values().stream().map(ArtifactOutcome::indexFailure).filter(f -> f != null).findFirst()
                .ifPresent(f -> err.println("baton: warning: run index not updated (" + f + "); the artifact files are written"));
        err.flush();
    }
}
