package dev.baton.provider.gemini.internal;

import dev.baton.llm.ToolCall;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the {@code thoughtSignature}s Gemini attached to the function calls it made, so that
 * when the conversation comes back (as plain {@link ToolCall}s, which have no room for them) the
 * signatures can be replayed: Gemini 3 rejects a function call in the history without one. Keyed
 * by tool name and argument text, bounded (least recently used entries are evicted), one per
 * adapter instance. A call whose signature is unknown (another model's history, an evicted entry)
 * gets {@link #SKIP_VALIDATION}, the value Google documents for history it did not produce.
 */
public final class ThoughtSignatures {

    /** Google's documented placeholder that tells the API to skip signature validation. */
    public static final String SKIP_VALIDATION = "skip_thought_signature_validator";

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, String> byCall;

    public ThoughtSignatures(int capacity) {
        this.capacity = capacity;
        this.byCall = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > ThoughtSignatures.this.capacity;
            }
        };
    }

    public void remember(ToolCall call, String signature) {
        if (signature == null || signature.isEmpty()) return;
        lock.lock();
        try {
            byCall.put(key(call), signature);
        } finally {
            lock.unlock();
        }
    }

    /** The remembered signature of {@code call}, or null. */
    public String recall(ToolCall call) {
        lock.lock();
        try {
            return byCall.get(key(call));
        } finally {
            lock.unlock();
        }
    }

    private static String key(ToolCall call) {
        return call.name() + '\u0000' + call.argumentsJson();
    }
}
