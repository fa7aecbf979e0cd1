package dev.baton.mcp.server.internal;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import dev.baton.mcp.server.ResourceUpdates;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.function.Predicate;

/** Builds the SDK's server over a transport with everything a {@link FeatureRegistry} holds. */
public final class SdkServers {

    /**
     * How long the server waits for the client to answer its own requests (sampling, elicitation):
     * a person may be typing an answer.
     */
    private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private SdkServers() {
    }

    /** The SDK's mapper, with its most frequent outgoing message (a log notification) written directly ({@link SdkJson}). */
    public static McpJsonMapper mapper() {
        return MAPPER;
    }

    private static final McpJsonMapper MAPPER = new SdkJson(McpJsonDefaults.getMapper());

    /** The server over Streamable HTTP, where {@link CancellableCalls} finds running calls itself. */
    public static McpSyncServer build(McpServer.SyncSpecification<?> spec, FeatureRegistry features, String name,
                                      String version, String instructions, SessionHooks hooks) {
        return build(spec, features, name, version, instructions, hooks, CallTracker.NONE);
    }

    /** The server over stdio, whose running calls {@code cancellation} tracks. */
    public static McpSyncServer build(McpServer.SyncSpecification<?> spec, FeatureRegistry features, String name,
                                      String version, String instructions, SessionHooks hooks, StdioCancellation cancellation) {
        return build(spec, features, name, version, instructions, hooks, (CallTracker) cancellation);
    }

    /**
     * Starts the resource watches of {@code features} against {@code server}: each change becomes a
     * {@code notifications/resources/updated} to the sessions subscribed to that URI (those the
     * watch picked, through {@code hooks}, the hooks {@code server}'s transport was wrapped with).
     * Close the handle before the server.
     */
    public static AutoCloseable watch(FeatureRegistry features, McpSyncServer server, SessionHooks hooks) {
        return features.startWatches(new ResourceUpdates() {
            @Override
            public void accept(String uri, Predicate<String> sessions) {
                hooks.updated(server, uri, sessions);
            }

            @Override
            public void promptsChanged(Predicate<String> sessions) {
                hooks.promptsChanged(sessions);
            }
        });
    }

    private static McpSyncServer build(McpServer.SyncSpecification<?> spec, FeatureRegistry features, String name,
                                       String version, String instructions, SessionHooks hooks, CallTracker calls) {
        JsonMapper json = JsonMapper.builder().build();
        SdkFeatures adapter = new SdkFeatures(json, calls, hooks);
        hooks.bind(new SessionPromptHandlers(features, adapter, mapper()));
        spec.serverInfo(name, version)
                .instructions(instructions)
                .requestTimeout(CLIENT_REQUEST_TIMEOUT)
                // arguments are checked by SdkFeatures with Baton's messages (each naming its field)
                .validateToolInputs(false)
                // structured results are checked against the output schemas as the trees SdkFeatures gives
                .jsonSchemaValidator(new OutputCheck(json))
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(true).resources(true, true).prompts(true).logging().completions().build())
                .tools(features.tools().stream().map(adapter::tool).toList())
                .resources(features.resources().stream().map(adapter::resource).toList())
                .resourceTemplates(features.templates().stream().map(adapter::template).toList())
                .prompts(features.prompts().stream().map(adapter::prompt).toList())
                .completions(features.prompts().stream().map(adapter::completion).toList());
        return spec.build();
    }
}
