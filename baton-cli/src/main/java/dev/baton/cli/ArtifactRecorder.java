package dev.baton.cli;

import dev.baton.artifact.ArtifactIndex;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.ArtifactWriter;
import dev.baton.artifact.IndexedRun;
import dev.baton.ensemble.RunEvent;
import dev.baton.ensemble.RunListener;
import dev.baton.ensemble.RunResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes each completed run's files with an {@link ArtifactWriter} (on {@code run_completed},
 * before the result reaches the command, so a cancelled run is on disk too) and remembers where
 * each run went, or why it could not be written. The run index is filled afterwards with
 * {@link #index}: the usage ledger's writer connection holds the database's write lock while the
 * {@code Baton} is open, so the command records the index once it has closed the Baton. Thread-safe.
 */
final class ArtifactRecorder implements RunListener {

    private final ArtifactWriter writer;
    private final Map<String, ArtifactRef> refs = new ConcurrentHashMap<>();
    private final List<IndexedRun> entries = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** {@code writer} must have no index of its own. */
    ArtifactRecorder(ArtifactWriter writer) {
        this.writer = writer;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (!(event instanceof RunEvent.RunCompleted completed)) return;
        RunResult result = completed.result();
        // A cancelled run completes on whichever thread cancelled it, and that thread may be
        // interrupted before or during the write; a file channel closes itself on an interrupt. So
        // the write runs on a thread of its own that nothing interrupts, and this one waits for it
        // through interrupts, setting its flag again afterwards.
        Thread write = Thread.ofVirtual().name("baton-artifacts").start(() -> write(result));
        boolean interrupted = false;
        while (true) {
            try {
                write.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void write(RunResult result) {
        try {
            ArtifactRef ref = writer.write(result);
            refs.put(result.runId(), ref);
            entries.add(IndexedRun.of(result, ref.dir()));
        } catch (RuntimeException e) {
            failures.add("run " + result.runId() + ": " + reason(e));
        }
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

    Optional<ArtifactRef> of(String runId) {
        return Optional.ofNullable(refs.get(runId));
    }

    int count() {
        return refs.size();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Records every written run in {@code index}; returns the problem, or null when all went in. */
    String index(ArtifactIndex index) {
        try {
            entries.forEach(index::record);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
