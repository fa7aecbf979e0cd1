package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.ServerPrompt;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import dev.baton.mcp.server.ServerTool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the extensions registered, in registration order, each name or URI once. */
public final class FeatureRegistry implements McpServerRegistry {

    private final Map<String, ServerTool> tools = new LinkedHashMap<>();
    private final Map<String, ServerResource> resources = new LinkedHashMap<>();
    private final Map<String, ServerResourceTemplate> templates = new LinkedHashMap<>();
    private final Map<String, ServerPrompt> prompts = new LinkedHashMap<>();

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

    private static <T> void once(Map<String, T> map, String key, T value, String kind) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException(kind + " '" + key + "' is registered twice");
        }
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
}
