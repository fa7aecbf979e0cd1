/**
 * How {@link dev.baton.server.BatonServer} is put together: the filters every request passes
 * (access log, Host and Origin, authentication, body limit) and the health endpoints.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.internal;

import org.jspecify.annotations.NullMarked;
