package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.load.KnownTools;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolSource;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link KnownTools} of a tool registry without starting anything: the tools of every source
 * but the MCP servers (sources named {@code mcp:NAME}, which start a process or a session when
 * asked for their tools), and those servers' names.
 */
final class ToolNames {

    static final String MCP_PREFIX = "mcp:";

    private ToolNames() {
    }

    static KnownTools of(ToolRegistry registry) {
        Set<String> names = registry.all(source -> !isMcp(source)).stream().map(e -> e.tool().name())
                .collect(Collectors.toSet());
        Set<String> servers = registry.sources().stream().filter(ToolNames::isMcp)
                .map(s -> s.name().substring(MCP_PREFIX.length())).collect(Collectors.toSet());
        return new KnownTools(names, servers);
    }

    private static boolean isMcp(ToolSource source) {
        return source.name().startsWith(MCP_PREFIX);
    }
}
