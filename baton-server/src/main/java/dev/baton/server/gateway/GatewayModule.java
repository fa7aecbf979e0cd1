package dev.baton.server.gateway;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.server.gateway.internal.AgenticTurns;
import dev.baton.server.gateway.internal.GatewayCalls;
import dev.baton.server.gateway.internal.ModelsRoute;
import dev.baton.server.gateway.internal.WireRoute;

/**
 * The OpenAI- and Anthropic-compatible gateway: {@code POST /v1/chat/completions} (OpenAI Chat
 * Completions), {@code GET /v1/models} and {@code POST /v1/messages} (Anthropic Messages). The
 * request's {@code model} is a profile, an alias, a {@code provider/model} id or
 * {@code ensemble:NAME}, or the agentic serving model ({@code server.agentic}: each turn runs a
 * serving ensemble on the conversation and answers in prose or with a tool call); every call goes through Baton's whole pipeline labelled with the caller's
 * API key, and answers carry {@code x-baton-model}, {@code x-baton-fallbacks} and
 * {@code x-baton-overhead-ms}.
 */
public final class GatewayModule implements ServerModule {

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public void mount(ServerContext context) {
        var agentic = AgenticTurns.configured(context.baton());
        if (agentic != null && (agentic.ensemble() == null || agentic.ensemble().isBlank())) {
            throw BatonException.builder(ErrorCode.VALIDATION, "server.agentic needs 'ensemble': the serving ensemble "
                    + "each turn to model '" + agentic.model() + "' runs").suggestion("baton ensembles list").build();
        }
        GatewayCalls calls = new GatewayCalls(context.baton());
        // on Jetty's core handler: the servlet layer was the largest share of a gateway call's CPU (PERFORMANCE.md §22-23)
        context.route("POST", WireRoute.CHAT_COMPLETIONS, WireRoute.chatCompletions(calls, context.json()));
        context.route("GET", ModelsRoute.ROUTE, new ModelsRoute(context.baton(), context.json()));
        context.route("POST", WireRoute.MESSAGES, WireRoute.messages(calls, context.json()));
    }
}
