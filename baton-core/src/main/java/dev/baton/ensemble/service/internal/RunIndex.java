package dev.baton.ensemble.service.internal;

import dev.baton.artifact.ArtifactIndex;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.internal.SqliteArtifactIndex;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run index in the Baton's database, opened on first use (listing or showing runs never
 * touches the database) and closed with the service. Thread-safe.
 */
final class RunIndex implements AutoCloseable {

    private final Path database;
    private final ReentrantLock lock = new ReentrantLock();
    private ArtifactIndex index;
    private boolean closed;

    RunIndex(Path database) {
        this.database = database;
    }

    /** The open index; throws when it cannot be opened. */
    ArtifactIndex get() {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the run index is closed (its Baton was closed)");
            if (index == null) index = SqliteArtifactIndex.open(database);
            return index;
        } finally {
            lock.unlock();
        }
    }

    /** Records {@code run}; returns why it could not, or null when it did. */
    String record(IndexedRun run) {
        try {
            get().record(run);
            return null;
        } catch (RuntimeException e) {
            return ArtifactRecorder.reason(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (index != null) index.close();
            index = null;
        } finally {
            lock.unlock();
        }
    }
}
