/**
 * How {@link dev.baton.server.BatonServer} is put together: the guards every request passes (one {@code GuardChain}, run by a servlet filter and by the core routes)
 * (access log, Host and Origin, authentication, body limit) and the health endpoints.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.internal;

import org.jspecify.annotations.NullMarked;
