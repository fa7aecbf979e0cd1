/**
 * API keys of the HTTP server: created with a secret shown once, stored as a hash, listed,
 * revoked, and each with its own budget, rate limits and allowed profiles.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.keys;

import org.jspecify.annotations.NullMarked;
