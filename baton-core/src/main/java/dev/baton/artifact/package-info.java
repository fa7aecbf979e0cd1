/**
 * Run records on disk and their index.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.artifact;

import org.jspecify.annotations.NullMarked;
