/**
 * The MCP client side: MCP servers (stdio or Streamable HTTP) as Baton tool sources.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.mcp;

import org.jspecify.annotations.NullMarked;
