package dev.baton.provider.openai.internal;

import dev.baton.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reassembles tool calls from streamed deltas: the first delta of a call (by {@code index})
 * carries id and name, later ones append argument fragments.
 */
public final class ToolCallAssembler {

    private final TreeMap<Integer, Partial> partials = new TreeMap<>();

    private static final class Partial {
        String id;
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    /** One delta as a streaming parser read it: {@code index} null when absent (the next index then), the rest null when absent. */
    public void accept(Integer index, String id, String name, String arguments) {
        Partial p = partials.computeIfAbsent(index == null ? partials.size() : index, i -> new Partial());
        if (id != null) p.id = id;
        if (name != null) p.name = p.name + name;
        if (arguments != null) p.arguments.append(arguments);
    }

    public boolean isEmpty() {
        return partials.isEmpty();
    }

    /** The completed calls, in index order; clears the assembler. */
    public List<ToolCall> drain() {
        List<ToolCall> calls = new ArrayList<>(partials.size());
        for (Partial p : partials.values()) calls.add(new ToolCall(p.id, p.name, p.arguments.toString()));
        partials.clear();
        return calls;
    }
}
