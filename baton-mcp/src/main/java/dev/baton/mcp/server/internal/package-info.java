/**
 * The MCP SDK adapter and the HTTP guard behind {@link dev.baton.mcp.server}; not for use outside baton-mcp.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.mcp.server.internal;

import org.jspecify.annotations.NullMarked;
