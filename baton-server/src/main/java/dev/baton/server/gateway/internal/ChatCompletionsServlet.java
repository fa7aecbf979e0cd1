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

/** {@code POST /v1/chat/completions}: OpenAI's Chat Completions, streamed or not, on Baton's pipeline. */
public final class ChatCompletionsServlet extends HttpServlet {

    public static final String ROUTE = "/v1/chat/completions";

    private final transient GatewayCalls calls;
    private final transient ObjectMapper json;

    public ChatCompletionsServlet(GatewayCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long start = System.nanoTime();
        Routes.name(req, ROUTE);
        try {
            OpenAiRequests.Decoded decoded = OpenAiRequests.decode(WireErrors.body(req, json));
            Caller caller = Caller.of(req);
            ModelTarget target = ModelTarget.resolve(calls.baton(), caller, decoded.model());
            ChatRequest.Builder builder = decoded.request();
            if (!decoded.unknown().isEmpty() && calls.servedOnlyBy(target, "openai")) builder.options(decoded.unknown());
            ChatRequest request = GatewayCalls.label(builder, caller).build();
            if (decoded.stream()) {
                StreamRelay.relay(res, target, calls.stream(target, request), start, json,
                        out -> new OpenAiChunks(out, target.requested(), decoded.includeUsage()));
                return;
            }
            ChatResponse answer = calls.answer(target, request);
            BatonHeaders.set(res, target, answer, start, answer.latency());
            res.setContentType("application/json");
            res.setCharacterEncoding("UTF-8");
            try (JsonGenerator g = json.createGenerator(res.getOutputStream())) {
                OpenAiWire.completion(g, answer, target.requested());
            }
        } catch (BatonException e) {
            WireErrors.write(res, json, e, OpenAiWire::error);
        } catch (RuntimeException e) {
            WireErrors.unexpected(res, json, e, OpenAiWire::error);
        }
    }
}
