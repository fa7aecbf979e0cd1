package dev.baton.ensemble.service.internal;

import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.internal.ArtifactWriter;
import dev.baton.artifact.IndexedRun;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.ArtifactOutcome;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Records each completed run: writes its files with an {@link ArtifactWriter} (on
 * {@code run_completed}, before the result reaches the caller, so a cancelled run is on disk
 * too), then enters it in the run index, and tells {@code outcomes} where it went or why it could
 * not. The index is written as each run completes: the usage ledger no longer holds the
 * database's write lock between its batches (see {@code SqliteWriteLockTest}). Thread-safe.
 */
final class ArtifactRecorder implements RunListener {

    private final java.util.function.Function<RunResult, ArtifactOutcome> recording;
    private final Consumer<ArtifactOutcome> outcomes;

    /** {@code writer} must have no index of its own: an index failure must not count as a write failure. */
    ArtifactRecorder(ArtifactWriter writer, RunIndex index, Consumer<ArtifactOutcome> outcomes) {
        this(result -> record(writer, index, result), outcomes);
    }

    /** Records through {@code artifacts} (the team store's documents, or the files and the index). */
    ArtifactRecorder(dev.baton.ensemble.service.Artifacts artifacts, Consumer<ArtifactOutcome> outcomes) {
        this(result -> artifacts.record(result, java.util.Map.of()), outcomes);
    }

    private ArtifactRecorder(java.util.function.Function<RunResult, ArtifactOutcome> recording, Consumer<ArtifactOutcome> outcomes) {
        this.recording = recording;
        this.outcomes = outcomes;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (!(event instanceof RunEvent.RunCompleted completed)) return;
        // A cancelled run completes on whichever thread cancelled it, and the cancellation may
        // interrupt that thread while it writes; file channels close on an interrupt
        // (ClosedByInterruptException). So the files are written on a thread of their own that
        // nobody interrupts, and this one waits for it without giving up on an interrupt.
        RunResult result = completed.result();
        AtomicReference<ArtifactOutcome> outcome = new AtomicReference<>();
        Thread writing = Thread.ofVirtual().name("baton-artifacts-" + result.runId()).start(() -> outcome.set(recording.apply(result)));
        boolean interrupted = false;
        while (true) {
            try {
                writing.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        ArtifactOutcome o = outcome.get();
        outcomes.accept(o != null ? o : new ArtifactOutcome(result.runId(), null, "the artifact writer stopped unexpectedly", null));
    }

    private static ArtifactOutcome record(ArtifactWriter writer, RunIndex index, RunResult result) {
        ArtifactRef ref;
        try {
            ref = writer.write(result);
        } catch (RuntimeException e) {
            return new ArtifactOutcome(result.runId(), null, reason(e), null);
        }
        return new ArtifactOutcome(result.runId(), ref, null, index.record(IndexedRun.of(result, ref.dir())));
    }

    /** The message with every cause's, so the warning always says why. */
    static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
            if (!sb.isEmpty()) {
                if (sb.indexOf(m) >= 0) continue;
                sb.append(": ");
            }
            sb.append(m);
        }
        return sb.toString();
    }
}
