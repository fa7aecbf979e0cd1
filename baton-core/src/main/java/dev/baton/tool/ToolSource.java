package dev.baton.tool;

import java.util.List;

/**
 * Where tools come from beyond single registrations: the built-in set, one MCP server, a
 * plug-in. A source may start something on first use ({@link #tools()} then blocks until it is
 * up) and is closed with the registry.
 */
public interface ToolSource extends AutoCloseable {

    /** The source's name as shown by {@code baton tools list}: {@code builtin}, {@code mcp:NAME}, ... */
    String name();

    /** The tools it offers now; may start the source. */
    List<Tool> tools();

    /** Stops what the source started; closing twice is harmless. */
    @Override
    default void close() {
    }
}
