package dev.baton.server;

import org.jspecify.annotations.Nullable;

/** Told about every request when its response is complete (metrics); must not block. */
@FunctionalInterface
public interface RequestObserver {

    /**
     * @param route    the route template that served it ({@link Routes}), e.g. {@code /api/v1/runs/{id}}
     * @param keyId    the caller's key id, {@code null} without authentication
     */
    void finished(String method, String route, int status, long durationNanos, @Nullable String keyId);
}
