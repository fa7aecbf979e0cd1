/**
 * HTTP plumbing shared by the built-in provider adapters: the configured client, NDJSON lines, TLS, model-list probes, Google RPC error details. Not an API: `Baton` wires these; callers use the types of `dev.baton.provider`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.internal;

import org.jspecify.annotations.NullMarked;
