/**
 * Prices, the usage ledger, budgets with reservation, quotas.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.usage;

import org.jspecify.annotations.NullMarked;
