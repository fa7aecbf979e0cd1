/**
 * Run records on disk: atomic writers, the Markdown report, run directories and the SQLite run index. Not an API: `Baton` wires these; callers use the types of `dev.baton.artifact`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.artifact.internal;

import org.jspecify.annotations.NullMarked;
