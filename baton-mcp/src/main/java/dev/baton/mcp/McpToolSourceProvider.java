package dev.baton.mcp;

import dev.baton.config.BatonConfig;
import dev.baton.tool.Sandbox;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code mcp_servers:} into one {@link McpToolSource} per server, named {@code mcp:NAME},
 * found by {@code Baton} through {@link java.util.ServiceLoader}. Starts nothing: each server
 * starts when its tools are first asked for.
 */
public final class McpToolSourceProvider implements ToolSourceProvider {

    @Override
    public List<ToolSource> sources(BatonConfig config, Map<String, String> env, Sandbox sandbox) {
        List<ToolSource> out = new ArrayList<>();
        config.mcpServers().forEach((name, settings) -> out.add(McpServers.of(name, settings, env, sandbox.root())));
        return out;
    }
}
