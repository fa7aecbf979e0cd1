/**
 * How the REST API is served: its router, the routes of each resource, the in-memory registry of
 * runs with their event logs, idempotency records and the SSE writer.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.api.internal;

import org.jspecify.annotations.NullMarked;
