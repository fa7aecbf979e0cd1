/**
 * Task type → profile → fallback chain, and context-window fit.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.routing;

import org.jspecify.annotations.NullMarked;
