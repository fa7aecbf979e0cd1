/**
 * Metrics and traces of the HTTP server: Prometheus metrics at {@code /metrics} and a span per
 * HTTP request, over the observation hooks of {@code dev.baton.observe}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.metrics;

import org.jspecify.annotations.NullMarked;
