package dev.baton.tool;

import java.util.Locale;

/**
 * What a tool may do to the world, which decides whether a permission mode asks before running
 * it: {@code read} observes the workspace, {@code write} changes files, {@code exec} runs
 * programs (MCP servers' tools by default), {@code network} reaches other hosts.
 */
public enum ToolCategory {
    READ, WRITE, EXEC, NETWORK;

    /** The lower-case name used in configuration, JSON output and the audit log. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category named {@code id} (case-insensitive), or an {@link IllegalArgumentException} listing the names. */
    public static ToolCategory parse(String id) {
        for (ToolCategory c : values()) {
            if (c.id().equalsIgnoreCase(id.strip())) return c;
        }
        throw new IllegalArgumentException("unknown tool category '" + id + "' (expected read, write, exec or network)");
    }
}
