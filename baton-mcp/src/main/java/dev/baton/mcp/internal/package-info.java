/**
 * Transport, session and result mapping behind {@link dev.baton.mcp.McpToolSource}; not for use outside baton-mcp.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.mcp.internal;

import org.jspecify.annotations.NullMarked;
