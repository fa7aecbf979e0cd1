package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.server.Caller;
import dev.baton.server.Routes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A gateway route on Baton's pipeline, streamed or not, in one {@link WireFormat}:
 * {@link #CHAT_COMPLETIONS} (OpenAI) and {@link #MESSAGES} (Anthropic) share everything else.
 */
public final class WireRouteServlet extends HttpServlet {

    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    public static final String MESSAGES = "/v1/messages";

    private final String route;
    private final transient WireFormat format;
    private final transient GatewayCalls calls;
    private final transient ObjectMapper json;

    private WireRouteServlet(String route, WireFormat format, GatewayCalls calls, ObjectMapper json) {
        this.route = route;
        this.format = format;
        this.calls = calls;
        this.json = json;
    }

    /** {@code POST /v1/chat/completions}: OpenAI's Chat Completions. */
    public static WireRouteServlet chatCompletions(GatewayCalls calls, ObjectMapper json) {
        return new WireRouteServlet(CHAT_COMPLETIONS, WireFormat.OPENAI, calls, json);
    }

    /** {@code POST /v1/messages}: Anthropic's Messages. */
    public static WireRouteServlet messages(GatewayCalls calls, ObjectMapper json) {
        return new WireRouteServlet(MESSAGES, WireFormat.ANTHROPIC, calls, json);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long start = System.nanoTime();
        Routes.name(req, route);
        try {
            WireFormat.Decoded decoded = format.decode(WireErrors.body(req, json));
            Caller caller = Caller.of(req);
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
            res.setContentType("application/json");
            res.setCharacterEncoding("UTF-8");
            try (JsonGenerator g = json.createGenerator(res.getOutputStream())) {
                format.answer(g, json, answer, target.requested());
            }
        } catch (BatonException e) {
            WireErrors.write(res, json, e, format::error);
        } catch (RuntimeException e) {
            WireErrors.unexpected(res, json, e, format::error);
        }
    }
}
