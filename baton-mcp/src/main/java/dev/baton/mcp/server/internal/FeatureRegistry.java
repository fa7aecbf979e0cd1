package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.PromptSource;
import dev.baton.mcp.server.RequestContext;
import dev.baton.mcp.server.ResourceUpdates;
import dev.baton.mcp.server.ResourceWatch;
import dev.baton.mcp.server.ServerPrompt;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import dev.baton.mcp.server.ServerTool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the extensions registered, in registration order, each name or URI once. */
public final class FeatureRegistry implements McpServerRegistry {

    private static final Logger log = LoggerFactory.getLogger(FeatureRegistry.class);

    private final Map<String, ServerTool> tools = new LinkedHashMap<>();
    private final Map<String, ServerResource> resources = new LinkedHashMap<>();
    private final Map<String, ServerResourceTemplate> templates = new LinkedHashMap<>();
    private final Map<String, ServerPrompt> prompts = new LinkedHashMap<>();
    private final List<PromptSource> promptSources = new ArrayList<>();
    private final List<ResourceWatch> watches = new ArrayList<>();

    @Override
    public McpServerRegistry tool(ServerTool tool) {
        once(tools, tool.name(), tool, "tool");
        return this;
    }

    @Override
    public McpServerRegistry resource(ServerResource resource) {
        once(resources, resource.uri(), resource, "resource");
        return this;
    }

    @Override
    public McpServerRegistry resourceTemplate(ServerResourceTemplate template) {
        once(templates, template.uriTemplate(), template, "resource template");
        return this;
    }

    @Override
    public McpServerRegistry prompt(ServerPrompt prompt) {
        once(prompts, prompt.name(), prompt, "prompt");
        return this;
    }

    @Override
    public McpServerRegistry prompts(PromptSource source) {
        promptSources.add(source);
        return this;
    }

    private static <T> void once(Map<String, T> map, String key, T value, String kind) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException(kind + " '" + key + "' is registered twice");
        }
    }

    @Override
    public McpServerRegistry resourceWatch(ResourceWatch watch) {
        watches.add(watch);
        return this;
    }

    /**
     * Starts every registered watch, each sending the URIs that changed to {@code updated}; the
     * handle stops them all. A watch that fails to start is logged and left out: subscriptions
     * then simply see no updates from it.
     */
    public AutoCloseable startWatches(ResourceUpdates updated) {
        List<AutoCloseable> started = new ArrayList<>();
        for (ResourceWatch w : watches) {
            try {
                started.add(w.start(updated));
            } catch (Exception e) {
                log.warn("a resource watch did not start: {}", e.getMessage());
            }
        }
        return () -> {
            for (AutoCloseable c : started.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.debug("closing a resource watch failed", e);
                }
            }
        };
    }

    public List<ServerTool> tools() {
        return List.copyOf(tools.values());
    }

    public List<ServerResource> resources() {
        return List.copyOf(resources.values());
    }

    public List<ServerResourceTemplate> templates() {
        return List.copyOf(templates.values());
    }

    public List<ServerPrompt> prompts() {
        return List.copyOf(prompts.values());
    }

    /** Whether any extension added a {@link PromptSource}. */
    public boolean hasPromptSources() {
        return !promptSources.isEmpty();
    }

    /**
     * The prompts the sources give the session of {@code context}: each name once (the first source
     * wins), none named like a prompt registered with {@link #prompt}. A source that fails is logged
     * and left out, so one broken project cannot hide the other prompts.
     */
    public List<ServerPrompt> sessionPrompts(RequestContext context) {
        Set<String> taken = new HashSet<>(prompts.keySet());
        List<ServerPrompt> out = new ArrayList<>();
        for (PromptSource source : promptSources) {
            List<ServerPrompt> given;
            try {
                given = source.prompts(context);
            } catch (RuntimeException e) {
                log.warn("a prompt source failed: {}", e.getMessage());
                continue;
            }
            for (ServerPrompt p : given) {
                if (taken.add(p.name())) out.add(p);
            }
        }
        return out;
    }
}
