/**
 * Runs started over the REST API as the store keeps them, so every replica on one store (and a
 * restarted server) serves them: the run records ({@link RunStore}), their numbered event logs
 * and {@code Idempotency-Key}s ({@link IdempotencyKeys}). SQLite or PostgreSQL, the same code.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.runs;

import org.jspecify.annotations.NullMarked;
