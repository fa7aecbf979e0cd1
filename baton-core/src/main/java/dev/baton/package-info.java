/**
 * The root of Baton: `Baton`, built from a loaded configuration, wires every component and hands out the services.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton;

import org.jspecify.annotations.NullMarked;
