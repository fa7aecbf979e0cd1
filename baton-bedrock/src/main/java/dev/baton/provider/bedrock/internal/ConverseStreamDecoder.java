package dev.baton.provider.bedrock.internal;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns ConverseStream events into {@link ChatChunk}s: text and reasoning deltas pass through,
 * tool-use input fragments are assembled per content block and emitted as one whole tool call
 * when the block stops, the forced response tool's input streams out as text, and the final chunk
 * (finish reason and usage) is emitted on the {@code metadata} event that follows
 * {@code messageStop}. Not thread-safe: one decoder per stream, fed from one thread.
 */
public final class ConverseStreamDecoder {

    private record OpenTool(String id, String name, StringBuilder input) {
    }

    private final String responseTool;
    private final Map<Integer, OpenTool> openTools = new HashMap<>();
    private int responseToolBlock = -1;
    private boolean sawToolCalls;
    private FinishReason finishReason;
    private Usage usage;
    private boolean finished;

    /** {@code responseTool} is the forced response tool's name, or null when the output is text. */
    public ConverseStreamDecoder(String responseTool) {
        this.responseTool = responseTool;
    }

    /** Translates one event, handing any chunks it yields to {@code out}. */
    public void accept(ConverseStreamOutput event, Consumer<ChatChunk> out) {
        switch (event) {
            case ContentBlockStartEvent e -> start(e);
            case ContentBlockDeltaEvent e -> delta(e, out);
            case ContentBlockStopEvent e -> stop(e.contentBlockIndex(), out);
            case MessageStopEvent e -> messageStop(e);
            case ConverseStreamMetadataEvent e -> {
                usage = ConverseResponseDecoder.usage(e.usage());
                finish(out);
            }
            default -> { }
        }
    }

    private void start(ContentBlockStartEvent e) {
        ContentBlockStart start = e.start();
        if (start == null || start.toolUse() == null) return;
        int index = index(e.contentBlockIndex());
        if (start.toolUse().name().equals(responseTool)) {
            responseToolBlock = index;
        } else {
            openTools.put(index, new OpenTool(start.toolUse().toolUseId(), start.toolUse().name(), new StringBuilder()));
        }
    }

    private void delta(ContentBlockDeltaEvent e, Consumer<ChatChunk> out) {
        ContentBlockDelta d = e.delta();
        if (d == null) return;
        if (d.text() != null && !d.text().isEmpty()) out.accept(ChatChunk.text(d.text()));
        if (d.reasoningContent() != null && d.reasoningContent().text() != null
                && !d.reasoningContent().text().isEmpty()) {
            out.accept(ChatChunk.reasoning(d.reasoningContent().text()));
        }
        if (d.toolUse() == null || d.toolUse().input() == null) return;
        int index = index(e.contentBlockIndex());
        if (index == responseToolBlock) {
            if (!d.toolUse().input().isEmpty()) out.accept(ChatChunk.text(d.toolUse().input()));
            return;
        }
        OpenTool tool = openTools.get(index);
        if (tool != null) tool.input().append(d.toolUse().input());
    }

    private void stop(Integer blockIndex, Consumer<ChatChunk> out) {
        OpenTool tool = openTools.remove(index(blockIndex));
        if (tool == null) return;
        sawToolCalls = true;
        out.accept(ChatChunk.toolCalls(List.of(new ToolCall(tool.id(), tool.name(), tool.input().toString()))));
    }

    private void messageStop(MessageStopEvent e) {
        finishReason = ConverseResponseDecoder.finishReason(e.stopReasonAsString());
        // An answer given through the response tool is a normal end, not a request to run tools.
        if (finishReason == FinishReason.TOOL_CALLS && responseToolBlock >= 0 && !sawToolCalls) {
            finishReason = FinishReason.STOP;
        }
    }

    private static int index(Integer i) {
        return i == null ? 0 : i;
    }

    /** True once {@code messageStop} arrived: the model finished its answer. */
    public boolean messageStopped() {
        return finishReason != null;
    }

    /** True once the final chunk was handed out. */
    public boolean finished() {
        return finished;
    }

    /**
     * Emits the final chunk if the model's answer is complete and it was not emitted yet (a stream
     * may end after {@code messageStop} without a {@code metadata} event; usage is then unknown).
     */
    public void finish(Consumer<ChatChunk> out) {
        if (finished || finishReason == null) return;
        for (Integer index : List.copyOf(openTools.keySet())) stop(index, out);
        finished = true;
        out.accept(ChatChunk.finish(finishReason, usage));
    }
}
