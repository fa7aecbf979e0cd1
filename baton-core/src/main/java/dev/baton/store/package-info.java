/**
 * The SQLite store: usage ledger and budget counters behind the `usage` interfaces, written in batches.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.store;

import org.jspecify.annotations.NullMarked;
