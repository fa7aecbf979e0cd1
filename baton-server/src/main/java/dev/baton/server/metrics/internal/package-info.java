/**
 * The meters, the scrape servlet and the request-span filter.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.metrics.internal;

import org.jspecify.annotations.NullMarked;
