package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.mcp.server.BatonMcpServer;
import dev.baton.mcp.server.BatonTools;

/** The MCP server both transports serve: Baton's own tools over one {@link Baton}. */
final class McpServerFactory {

    private McpServerFactory() {
    }

    static BatonMcpServer of(Baton baton) {
        return BatonMcpServer.builder().name("baton").version(VersionProvider.version())
                .extension(new BatonTools(baton)).build();
    }
}
