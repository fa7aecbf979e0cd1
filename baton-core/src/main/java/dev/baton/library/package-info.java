/**
 * The library bundled with Baton: primitive scripts and example ensembles, browsed, searched and
 * copied into a project by the CLI and the servers alike.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.library;

import org.jspecify.annotations.NullMarked;
