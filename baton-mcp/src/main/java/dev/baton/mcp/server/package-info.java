/**
 * Baton's own MCP server: the tools, resources and prompts it offers, described in Baton's types
 * and registered through {@link dev.baton.mcp.server.McpServerExtension}, served over stdio
 * ({@link dev.baton.mcp.server.BatonMcpServer#serveStdio}) or Streamable HTTP on embedded Jetty
 * ({@link dev.baton.mcp.server.McpHttpServer}). The MCP SDK is an adapter behind these types.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.mcp.server;

import org.jspecify.annotations.NullMarked;
