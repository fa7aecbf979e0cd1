package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ToolCall;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A streamed answer as Anthropic's Messages events: {@code message_start}, then per content block
 * {@code content_block_start}, {@code content_block_delta}s ({@code text_delta},
 * {@code input_json_delta}) and {@code content_block_stop}, then {@code message_delta} with the
 * stop reason and usage and {@code message_stop}. A failure after the first byte is an
 * {@code event: error}.
 */
final class AnthropicEvents implements StreamFormat {

    private final SseOut out;
    private final ObjectMapper json;
    private final String model;
    private int index = -1;
    private boolean textOpen;

    AnthropicEvents(SseOut out, ObjectMapper json, String model) {
        this.out = out;
        this.json = json;
        this.model = model;
    }

    @Override
    public void open(ChatResponse soFar) throws IOException {
        JsonGenerator g = out.event("message_start");
        g.writeStartObject();
        g.writeStringProperty("type", "message_start");
        g.writeName("message");
        g.writeStartObject();
        g.writeStringProperty("id", AnthropicWire.id(soFar));
        g.writeStringProperty("type", "message");
        g.writeStringProperty("role", "assistant");
        g.writeStringProperty("model", model);
        g.writeName("content");
        g.writeStartArray();
        g.writeEndArray();
        g.writeNullProperty("stop_reason");
        g.writeNullProperty("stop_sequence");
        g.writeName("usage");
        AnthropicWire.usage(g, soFar.usage());
        g.writeEndObject();
        g.writeEndObject();
        out.send(g);
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        if (!chunk.textDelta().isEmpty()) {
            if (!textOpen) {
                JsonGenerator g = blockStart();
                g.writeStringProperty("type", "text");
                g.writeStringProperty("text", "");
                blockStartEnd(g);
                textOpen = true;
            }
            JsonGenerator g = deltaStart();
            g.writeStringProperty("type", "text_delta");
            g.writeStringProperty("text", chunk.textDelta());
            deltaEnd(g);
        }
        for (ToolCall call : chunk.toolCalls()) {
            closeBlock();
            JsonGenerator g = out.event("content_block_start");
            g.writeStartObject();
            g.writeStringProperty("type", "content_block_start");
            g.writeNumberProperty("index", ++index);
            g.writeName("content_block");
            AnthropicWire.toolUse(g, json, call, false);
            g.writeEndObject();
            out.send(g);
            g = deltaStart();
            g.writeStringProperty("type", "input_json_delta");
            g.writeStringProperty("partial_json", call.argumentsJson());
            deltaEnd(g);
            stop(index);
        }
    }

    @Override
    public void end(ChatResponse whole) throws IOException {
        closeBlock();
        JsonGenerator g = out.event("message_delta");
        g.writeStartObject();
        g.writeStringProperty("type", "message_delta");
        g.writeName("delta");
        g.writeStartObject();
        g.writeStringProperty("stop_reason", AnthropicWire.stopReason(whole.finishReason()));
        g.writeNullProperty("stop_sequence");
        g.writeEndObject();
        g.writeName("usage");
        AnthropicWire.usage(g, whole.usage());
        g.writeEndObject();
        out.send(g);
        g = out.event("message_stop");
        g.writeStartObject();
        g.writeStringProperty("type", "message_stop");
        g.writeEndObject();
        out.send(g);
    }

    @Override
    public void fail(BatonException error) throws IOException {
        JsonGenerator g = out.event("error");
        AnthropicWire.error(g, error);
        out.send(g);
    }

    private JsonGenerator blockStart() {
        JsonGenerator g = out.event("content_block_start");
        g.writeStartObject();
        g.writeStringProperty("type", "content_block_start");
        g.writeNumberProperty("index", ++index);
        g.writeName("content_block");
        g.writeStartObject();
        return g;
    }

    private void blockStartEnd(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndObject();
        out.send(g);
    }

    private JsonGenerator deltaStart() {
        JsonGenerator g = out.event("content_block_delta");
        g.writeStartObject();
        g.writeStringProperty("type", "content_block_delta");
        g.writeNumberProperty("index", index);
        g.writeName("delta");
        g.writeStartObject();
        return g;
    }

    private void deltaEnd(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndObject();
        out.send(g);
    }

    private void closeBlock() throws IOException {
        if (!textOpen) return;
        textOpen = false;
        stop(index);
    }

    private void stop(int block) throws IOException {
        JsonGenerator g = out.event("content_block_stop");
        g.writeStartObject();
        g.writeStringProperty("type", "content_block_stop");
        g.writeNumberProperty("index", block);
        g.writeEndObject();
        out.send(g);
    }
}
