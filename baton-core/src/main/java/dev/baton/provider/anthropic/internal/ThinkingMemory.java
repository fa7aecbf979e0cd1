package dev.baton.provider.anthropic.internal;

import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signed thinking blocks of recent answers that ended in tool calls, keyed by tool-call id.
 * With extended thinking on, the API requires the assistant turn that made tool calls to be
 * sent back starting with its thinking blocks, signatures intact; Baton's {@code Message} holds
 * no signatures, so the adapter remembers them here and puts them back when that turn is
 * replayed. Bounded (least recently used entries are dropped); thread-safe.
 */
public final class ThinkingMemory {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, List<JsonNode>> byCallId;

    public ThinkingMemory(int capacity) {
        this.capacity = capacity;
        this.byCallId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<JsonNode>> eldest) {
                return size() > ThinkingMemory.this.capacity;
            }
        };
    }

    /** Remembers the thinking blocks of an answer that made the given tool calls. */
    public void remember(List<String> callIds, List<JsonNode> thinkingBlocks) {
        if (callIds.isEmpty() || thinkingBlocks.isEmpty()) return;
        List<JsonNode> blocks = List.copyOf(thinkingBlocks);
        lock.lock();
        try {
            for (String id : callIds) {
                if (id != null) byCallId.put(id, blocks);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The thinking blocks of the answer that made these calls, or an empty list. */
    public List<JsonNode> recall(List<ToolCall> calls) {
        lock.lock();
        try {
            for (ToolCall call : calls) {
                List<JsonNode> blocks = call.id() == null ? null : byCallId.get(call.id());
                if (blocks != null) return blocks;
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }
}
