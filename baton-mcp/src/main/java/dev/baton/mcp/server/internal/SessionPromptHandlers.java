package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.ServerPrompt;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code prompts/list}, {@code prompts/get} and {@code completion/complete} answered per session:
 * the prompts registered once (as the SDK serves them) plus those the {@link FeatureRegistry}'s
 * prompt sources give the asking session. The SDK lists one server-wide set of prompts and offers
 * no per-session filter for them (it does for tools only), so these handlers take the place of
 * the SDK's own in the handler map its sessions dispatch on, and hand every request that is not
 * about a session's prompt on to the SDK's handler unchanged.
 */
final class SessionPromptHandlers {

    private final FeatureRegistry features;
    private final SdkFeatures adapter;
    private final McpJsonMapper json;

    SessionPromptHandlers(FeatureRegistry features, SdkFeatures adapter, McpJsonMapper json) {
        this.features = features;
        this.adapter = adapter;
        this.json = json;
    }

    /**
     * Puts these handlers in the handler map of {@code session} (an SDK server session, of either
     * transport; the map is shared by all sessions of one server, so the first session does it).
     *
     * @throws IllegalStateException when the SDK's session no longer has the map this relies on
     */
    @SuppressWarnings("unchecked")
    void install(Object session) {
        if (!features.hasPromptSources()) return;
        Map<String, McpRequestHandler<?>> handlers = (Map<String, McpRequestHandler<?>>) handlerMap(session);
        synchronized (handlers) {
            if (handlers.get(McpSchema.METHOD_PROMPT_LIST) instanceof Ours) return;
            McpRequestHandler<Object> list = original(handlers, McpSchema.METHOD_PROMPT_LIST);
            McpRequestHandler<Object> get = original(handlers, McpSchema.METHOD_PROMPT_GET);
            McpRequestHandler<Object> complete = original(handlers, McpSchema.METHOD_COMPLETION_COMPLETE);
            handlers.put(McpSchema.METHOD_PROMPT_LIST, (Ours) (exchange, params) -> list(list, exchange, params));
            handlers.put(McpSchema.METHOD_PROMPT_GET, (Ours) (exchange, params) -> get(get, exchange, params));
            handlers.put(McpSchema.METHOD_COMPLETION_COMPLETE, (Ours) (exchange, params) -> complete(complete, exchange, params));
        }
    }

    /** Marks a handler put here, so a second session does not wrap it again. */
    @FunctionalInterface
    private interface Ours extends McpRequestHandler<Object> {
    }

    private static Object handlerMap(Object session) {
        for (Class<?> c = session.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("requestHandlers");
                f.setAccessible(true);
                return f.get(session);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot reach the MCP SDK session's request handlers: " + e, e);
            }
        }
        throw new IllegalStateException("the MCP SDK session " + session.getClass().getName()
                + " has no requestHandlers map: per-session prompts need the SDK version Baton is built with");
    }

    @SuppressWarnings("unchecked")
    private static McpRequestHandler<Object> original(Map<String, McpRequestHandler<?>> handlers, String method) {
        McpRequestHandler<?> h = handlers.get(method);
        if (h == null) throw new IllegalStateException("the MCP SDK server has no " + method + " handler");
        return (McpRequestHandler<Object>) h;
    }

    private Mono<Object> list(McpRequestHandler<Object> sdk, McpAsyncServerExchange exchange, Object params) {
        return sdk.handle(exchange, params).map(result -> {
            McpSchema.ListPromptsResult registered = (McpSchema.ListPromptsResult) result;
            List<McpSchema.Prompt> all = new ArrayList<>(registered.prompts());
            for (ServerPrompt p : features.sessionPrompts(new SdkRequestContext(exchange))) all.add(adapter.prompt(p).prompt());
            return new McpSchema.ListPromptsResult(all, registered.nextCursor(), registered.meta());
        });
    }

    private Mono<Object> get(McpRequestHandler<Object> sdk, McpAsyncServerExchange exchange, Object params) {
        McpSchema.GetPromptRequest request = json.convertValue(params, McpSchema.GetPromptRequest.class);
        return Mono.defer(() -> sessionPrompt(exchange, request.name())
                .<Mono<Object>>map(p -> Mono.fromCallable(() -> adapter.prompt(p).promptHandler()
                        .apply(new McpSyncServerExchange(exchange), request)))
                .orElseGet(() -> sdk.handle(exchange, params)));
    }

    private Mono<Object> complete(McpRequestHandler<Object> sdk, McpAsyncServerExchange exchange, Object params) {
        McpSchema.CompleteRequest request = json.convertValue(params, McpSchema.CompleteRequest.class);
        if (!(request.ref() instanceof McpSchema.PromptReference ref)) return sdk.handle(exchange, params);
        return Mono.defer(() -> sessionPrompt(exchange, ref.name())
                .<Mono<Object>>map(p -> Mono.fromCallable(() -> adapter.completion(p).completionHandler()
                        .apply(new McpSyncServerExchange(exchange), request)))
                .orElseGet(() -> sdk.handle(exchange, params)));
    }

    /** The session's own prompt named {@code name}; none when a registered prompt has that name (the SDK serves it). */
    private Optional<ServerPrompt> sessionPrompt(McpAsyncServerExchange exchange, String name) {
        return features.sessionPrompts(new SdkRequestContext(exchange)).stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
