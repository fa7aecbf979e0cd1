package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;

import java.util.NoSuchElementException;

/**
 * A stream over an answer that is already complete (an ensemble's deliverable): its text in
 * word-sized chunks (each word with the whitespace before it), then its tool calls in one chunk
 * (an agentic turn's), then the finish with the usage.
 * {@link #response()} is the whole answer from the start, so its labels are known at once.
 */
final class TextChunkStream implements ChatStream {

    private final ChatResponse answer;
    private final String text;
    private int at;
    private boolean finished;
    private boolean toolCallsSent;
    private boolean closed;

    TextChunkStream(ChatResponse answer) {
        this.answer = answer;
        this.text = answer.text();
    }

    @Override
    public boolean hasNext() {
        return !closed && !finished;
    }

    @Override
    public ChatChunk next() {
        if (!hasNext()) throw new NoSuchElementException();
        if (at >= text.length() && !toolCallsSent && !answer.toolCalls().isEmpty()) {
            toolCallsSent = true;
            return ChatChunk.toolCalls(answer.toolCalls());
        }
        if (at >= text.length()) {
            finished = true;
            return ChatChunk.finish(answer.finishReason(), answer.usage());
        }
        int end = at;
        while (end < text.length() && Character.isWhitespace(text.charAt(end))) end++;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        String delta = text.substring(at, end);
        at = end;
        return ChatChunk.text(delta);
    }

    @Override
    public ChatResponse response() {
        return answer;
    }

    @Override
    public void close() {
        closed = true;
    }
}
