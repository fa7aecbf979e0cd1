/**
 * The store of usage, budgets, audit and API keys: which database it is (SQLite, the embedded
 * default, or PostgreSQL, shared by replicas), how it is chosen ({@code store:} or
 * {@code BATON_STORE_URL}), and its connections for other parts of Baton.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.store;

import org.jspecify.annotations.NullMarked;
