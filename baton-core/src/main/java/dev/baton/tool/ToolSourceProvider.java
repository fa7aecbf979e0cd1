package dev.baton.tool;

import dev.baton.config.BatonConfig;

import java.util.List;
import java.util.Map;

/**
 * Contributes tool sources to every {@code Baton} from a module on the class path (found with
 * {@link java.util.ServiceLoader}): {@code baton-mcp} turns {@code mcp_servers:} into one source
 * per server. Sources are created when {@code Baton.tools()} is first used and must not start
 * anything until their tools are first asked for.
 */
public interface ToolSourceProvider {

    /** The sources for {@code config}, with {@code env} for {@code ${VAR}} expansion and {@code sandbox} for working folders. */
    List<ToolSource> sources(BatonConfig config, Map<String, String> env, Sandbox sandbox);
}
