package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ToolCall;
import tools.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * A streamed answer as OpenAI's {@code chat.completion.chunk} events: the role first, then text
 * and tool-call deltas, then the finish reason, then (with {@code stream_options.include_usage})
 * a chunk with no choices carrying the usage, then {@code data: [DONE]}. A failure after the
 * first byte is a {@code data: {"error":{...}}} event, which OpenAI's clients raise as an error.
 */
final class OpenAiChunks implements StreamFormat {

    private final SseOut out;
    private final String model;
    private final boolean includeUsage;
    private String id = "";
    private long created;
    private int toolIndex;

    OpenAiChunks(SseOut out, String model, boolean includeUsage) {
        this.out = out;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    @Override
    public void open(ChatResponse soFar) throws IOException {
        id = OpenAiWire.id(soFar);
        created = System.currentTimeMillis() / 1000;
        JsonGenerator g = begin();
        g.writeStringProperty("role", "assistant");
        g.writeStringProperty("content", "");
        finish(g, null);
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        if (!chunk.reasoningDelta().isEmpty()) {
            JsonGenerator g = begin();
            g.writeStringProperty("reasoning_content", chunk.reasoningDelta());
            finish(g, null);
        }
        if (!chunk.textDelta().isEmpty()) {
            JsonGenerator g = begin();
            g.writeStringProperty("content", chunk.textDelta());
            finish(g, null);
        }
        if (!chunk.toolCalls().isEmpty()) {
            JsonGenerator g = begin();
            g.writeName("tool_calls");
            g.writeStartArray();
            for (ToolCall c : chunk.toolCalls()) OpenAiWire.toolCall(g, c, toolIndex++);
            g.writeEndArray();
            finish(g, null);
        }
    }

    @Override
    public void end(ChatResponse whole) throws IOException {
        finish(begin(), OpenAiWire.finishReason(whole.finishReason()));
        if (includeUsage) {
            JsonGenerator g = out.event(null);
            header(g);
            g.writeName("choices");
            g.writeStartArray();
            g.writeEndArray();
            g.writeName("usage");
            OpenAiWire.usage(g, whole.usage());
            g.writeEndObject();
            out.send(g);
        }
        out.data("[DONE]");
    }

    @Override
    public void fail(BatonException error) throws IOException {
        JsonGenerator g = out.event(null);
        OpenAiWire.error(g, error);
        out.send(g);
    }

    private void header(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("id", id);
        g.writeStringProperty("object", "chat.completion.chunk");
        g.writeNumberProperty("created", created);
        g.writeStringProperty("model", model);
        g.writeNullProperty("system_fingerprint");
    }

    /** Starts a chunk with one choice and opens its delta. */
    private JsonGenerator begin() {
        JsonGenerator g = out.event(null);
        header(g);
        g.writeName("choices");
        g.writeStartArray();
        g.writeStartObject();
        g.writeNumberProperty("index", 0);
        g.writeName("delta");
        g.writeStartObject();
        return g;
    }

    /** Closes the delta and the chunk begun by {@link #begin()} and sends it. */
    private void finish(JsonGenerator g, String finishReason) throws IOException {
        g.writeEndObject();
        g.writeNullProperty("logprobs");
        if (finishReason == null) g.writeNullProperty("finish_reason");
        else g.writeStringProperty("finish_reason", finishReason);
        g.writeEndObject();
        g.writeEndArray();
        if (includeUsage) g.writeNullProperty("usage");
        g.writeEndObject();
        out.send(g);
    }
}
