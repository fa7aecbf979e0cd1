package dev.baton.context;

import dev.baton.llm.Message;

import java.util.List;

/**
 * What the shaper chose to send: {@code messages} (history kept, then the task with the memory
 * excerpts before it; the persona is not among them, the pipeline adds it), the input they and
 * the persona take ({@code input}, exact or estimated), the budget they had to fit
 * ({@code window - outputReserve}), and what was left out: history messages dropped (or folded
 * into a summary) and excerpts dropped.
 */
public record ShapedContext(List<Message> messages, TokenCount input, int window, int outputReserve,
                            int historyKept, int historyDropped, boolean summarised, int excerptsKept,
                            int excerptsDropped) {

    public ShapedContext {
        messages = List.copyOf(messages);
    }

    /** The input budget: the window less the output reserve. */
    public long budget() {
        return (long) window - outputReserve;
    }
}
