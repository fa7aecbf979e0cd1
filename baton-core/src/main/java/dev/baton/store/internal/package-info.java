/**
 * The SQLite store: usage ledger and budget counters behind the `dev.baton.usage` interfaces
 * (`UsageLedger`, `BudgetStore`), written in batches. Not an API: `Baton` wires these.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.store.internal;

import org.jspecify.annotations.NullMarked;
