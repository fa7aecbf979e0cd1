/**
 * The key store's implementation: secret generation, hashing and the in-memory cache of
 * authenticated keys.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.keys.internal;

import org.jspecify.annotations.NullMarked;
