package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import dev.baton.server.Route;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A gateway route on Baton's pipeline, streamed or not, in one {@link WireFormat}:
 * {@link #CHAT_COMPLETIONS} (OpenAI) and {@link #MESSAGES} (Anthropic) share everything else.
 */
public final class WireRoute implements Route {

    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    public static final String MESSAGES = "/v1/messages";

    private final String route;
    private final WireFormat format;
    private final GatewayCalls calls;
    private final ObjectMapper json;

    private WireRoute(String route, WireFormat format, GatewayCalls calls, ObjectMapper json) {
        this.route = route;
        this.format = format;
        this.calls = calls;
        this.json = json;
    }

    /** {@code POST /v1/chat/completions}: OpenAI's Chat Completions. */
    public static WireRoute chatCompletions(GatewayCalls calls, ObjectMapper json) {
        return new WireRoute(CHAT_COMPLETIONS, WireFormat.OPENAI, calls, json);
    }

    /** {@code POST /v1/messages}: Anthropic's Messages. */
    public static WireRoute messages(GatewayCalls calls, ObjectMapper json) {
        return new WireRoute(MESSAGES, WireFormat.ANTHROPIC, calls, json);
    }

    @Override
    public void serve(Exchange res) throws IOException {
        long start = System.nanoTime();
        res.route(route);
        try {
            WireFormat.Decoded decoded = format.decode(WireErrors.bytes(res), json);
            Caller caller = res.caller();
            ModelTarget target = ModelTarget.resolve(calls.baton(), caller, decoded.model());
            ChatRequest.Builder builder = decoded.request();
            if (!decoded.unknown().isEmpty() && calls.servedOnlyBy(target, format.kind())) builder.options(decoded.unknown());
            ChatRequest request = GatewayCalls.label(builder, caller).build();
            if (decoded.stream()) {
                StreamRelay.relay(res, target, calls.stream(target, request), start, json,
                        out -> format.stream(out, json, decoded, target.requested()));
                return;
            }
            ChatResponse answer = calls.answer(target, request);
            BatonHeaders.set(res, target, answer, start, answer.latency());
            res.contentType("application/json");
            try (JsonGenerator g = json.createGenerator(res.output())) {
                format.answer(g, json, answer, target.requested());
            }
        } catch (RuntimeException e) {
            // past the request deadline, what failed failed from its interrupt: the deadline guard answers 504
            if (Thread.currentThread().isInterrupted()) throw e;
            if (e instanceof BatonException b) WireErrors.write(res, json, b, format::error);
            else WireErrors.unexpected(res, json, e, format::error);
        }
    }
}
