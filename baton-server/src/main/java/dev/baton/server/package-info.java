/**
 * Baton over HTTP on embedded Jetty 12 with a virtual thread per request: {@link dev.baton.server.BatonServer}
 * serves health checks, MCP at {@code /mcp} and whatever {@link dev.baton.server.ServerModule}s mount
 * (the REST API, the OpenAI- and Anthropic-compatible gateway, metrics). Every request is
 * authenticated ({@link dev.baton.server.Authenticator}, the {@link dev.baton.server.Caller} it yields),
 * size-limited and written to the access log.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server;

import org.jspecify.annotations.NullMarked;
