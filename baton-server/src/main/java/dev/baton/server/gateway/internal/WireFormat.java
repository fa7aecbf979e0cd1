package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * What one gateway route speaks: how its requests decode onto Baton's, and how its answers,
 * streams and errors encode. {@link #OPENAI} is Chat Completions, {@link #ANTHROPIC} Messages.
 */
interface WireFormat {

    /** A request decoded from the wire: the model asked for, Baton's request, whether to stream, fields Baton does not model. */
    record Decoded(String model, ChatRequest.Builder request, boolean stream, boolean includeUsage, Map<String, Object> unknown) {
    }

    /** The provider kind whose upstreams take this format's unmodelled fields as they are. */
    String kind();

    /** Decodes a request body; a bad one is an {@link InvalidField} naming the field. */
    Decoded decode(byte[] body, ObjectMapper json);

    StreamFormat stream(SseOut out, ObjectMapper json, Decoded decoded, String requestedModel);

    void answer(JsonGenerator g, ObjectMapper json, ChatResponse answer, String requestedModel);

    void error(JsonGenerator g, BatonException e);

    WireFormat OPENAI = new WireFormat() {
        @Override
        public String kind() {
            return "openai";
        }

        @Override
        public Decoded decode(byte[] body, ObjectMapper json) {
            OpenAiRequests.Decoded d = OpenAiRequestParser.decode(body, json);
            return new Decoded(d.model(), d.request(), d.stream(), d.includeUsage(), d.unknown());
        }

        @Override
        public StreamFormat stream(SseOut out, ObjectMapper json, Decoded decoded, String requestedModel) {
            return new OpenAiChunks(out, requestedModel, decoded.includeUsage());
        }

        @Override
        public void answer(JsonGenerator g, ObjectMapper json, ChatResponse answer, String requestedModel) {
            OpenAiWire.completion(g, answer, requestedModel);
        }

        @Override
        public void error(JsonGenerator g, BatonException e) {
            OpenAiWire.error(g, e);
        }
    };

    WireFormat ANTHROPIC = new WireFormat() {
        @Override
        public String kind() {
            return "anthropic";
        }

        @Override
        public Decoded decode(byte[] body, ObjectMapper json) {
            AnthropicRequests.Decoded d = AnthropicRequests.decode(WireErrors.tree(body, json));
            return new Decoded(d.model(), d.request(), d.stream(), false, d.unknown());
        }

        @Override
        public StreamFormat stream(SseOut out, ObjectMapper json, Decoded decoded, String requestedModel) {
            return new AnthropicEvents(out, json, requestedModel);
        }

        @Override
        public void answer(JsonGenerator g, ObjectMapper json, ChatResponse answer, String requestedModel) {
            AnthropicWire.message(g, json, answer, requestedModel);
        }

        @Override
        public void error(JsonGenerator g, BatonException e) {
            AnthropicWire.error(g, e);
        }
    };
}
