/**
 * The router: task type to profile, with context-window fit. Not an API: `Baton` wires these; callers use the types of `dev.baton.routing`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.routing.internal;

import org.jspecify.annotations.NullMarked;
