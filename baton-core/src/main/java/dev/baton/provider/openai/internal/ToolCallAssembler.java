package dev.baton.provider.openai.internal;

import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;

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

    public void accept(JsonNode toolCallDeltas) {
        for (JsonNode delta : toolCallDeltas) {
            int index = delta.path("index").asInt(partials.size());
            Partial p = partials.computeIfAbsent(index, i -> new Partial());
            String id = delta.path("id").asString(null);
            if (id != null) p.id = id;
            JsonNode fn = delta.path("function");
            String name = fn.path("name").asString(null);
            if (name != null) p.name = p.name + name;
            String args = fn.path("arguments").asString(null);
            if (args != null) p.arguments.append(args);
        }
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
