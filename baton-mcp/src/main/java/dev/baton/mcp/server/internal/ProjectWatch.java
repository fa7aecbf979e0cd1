package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.ResourceUpdates;
import dev.baton.mcp.server.ResourceWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Baton's resource watch over every project a session works in: one {@link ArtifactAndEnsembleWatch}
 * for the server's project and one for each project a session moves to with {@code set_project},
 * started the first time a session moves there. A change in a project updates only the subscribed
 * sessions that work in that project when the change is seen, so a session that switched is told
 * about its own project's ensembles and runs, and the others are not.
 */
final class ProjectWatch implements ResourceWatch {

    private static final Logger log = LoggerFactory.getLogger(ProjectWatch.class);

    private final ProjectScope scope;

    ProjectWatch(ProjectScope scope) {
        this.scope = scope;
    }

    @Override
    public AutoCloseable start(ResourceUpdates updates) {
        Running running = new Running(updates);
        AutoCloseable listening = scope.onNewRoot(running::watch);
        scope.roots().forEach(running::watch);
        return () -> {
            listening.close();
            running.close();
        };
    }

    /** The started per-project watches of one server; guarded so a root is watched once and nothing starts after close. */
    private final class Running {
        private final ResourceUpdates updates;
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<Path, AutoCloseable> watches = new HashMap<>();
        private boolean closed;

        Running(ResourceUpdates updates) {
            this.updates = updates;
        }

        void watch(Path root) {
            lock.lock();
            try {
                if (closed || watches.containsKey(root)) return;
                watches.put(root, new ArtifactAndEnsembleWatch(() -> scope.batonAt(root))
                        .watch(uri -> updates.accept(uri, session -> scope.rootOf(session).equals(root)),
                                () -> updates.promptsChanged(session -> scope.rootOf(session).equals(root))));
            } finally {
                lock.unlock();
            }
        }

        void close() {
            List<AutoCloseable> stopping;
            lock.lock();
            try {
                closed = true;
                stopping = new ArrayList<>(watches.values());
                watches.clear();
            } finally {
                lock.unlock();
            }
            for (AutoCloseable w : stopping) {
                try {
                    w.close();
                } catch (Exception e) {
                    log.debug("stopping a project's resource watch failed", e);
                }
            }
        }
    }
}
