package dev.baton.tool;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;

import java.util.NoSuchElementException;

/**
 * A {@link ToolLoop} run, streamed. Each round is a streamed call of the model; its text and
 * reasoning deltas are passed on as they arrive, its tool calls are run by the loop (inside
 * {@link #hasNext()}, which blocks while they run) and never reach the caller, and the final
 * answer ends with one finish chunk carrying the usage summed over every round. {@link #close()}
 * closes the round in flight. Not thread-safe, like every {@link ChatStream}, except that
 * {@link #close()} may come from another thread.
 */
public final class ToolLoopStream implements ChatStream {

    private final ChatModel model;
    private final LoopConversation conversation;
    private volatile ChatStream round;
    private ChatChunk pending;
    private ChatResponse lastAnswer;
    private ToolLoop.Result result;
    private volatile boolean closed;

    ToolLoopStream(ChatModel model, LoopConversation conversation) {
        this.model = model;
        this.conversation = conversation;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) return true;
        if (result != null || closed) return false;
        while (true) {
            // closed from another thread while this one ran tools: start no further round
            if (closed) return false;
            if (round == null) round = model.stream(conversation.request());
            ChatStream current = round;
            while (current.hasNext()) {
                ChatChunk chunk = current.next();
                if (!chunk.textDelta().isEmpty() || !chunk.reasoningDelta().isEmpty()) {
                    pending = new ChatChunk(chunk.textDelta(), chunk.reasoningDelta(), null, null, null);
                    return true;
                }
            }
            if (closed) return false;
            ChatResponse answer = current.response();
            current.close();
            round = null;
            lastAnswer = answer;
            if (conversation.absorb(answer)) {
                conversation.runTools(answer);
                continue;
            }
            result = conversation.result(answer);
            pending = ChatChunk.finish(answer.finishReason(), result.response().usage());
            return true;
        }
    }

    @Override
    public ChatChunk next() {
        if (!hasNext()) throw new NoSuchElementException();
        ChatChunk chunk = pending;
        pending = null;
        return chunk;
    }

    /**
     * The final answer with the summed usage once the loop ended; before that, the round in
     * flight (or the last finished one) so far, with the usage of the rounds before it added.
     */
    @Override
    public ChatResponse response() {
        if (result != null) return result.response();
        ChatStream current = round;
        if (current != null) {
            ChatResponse partial = current.response();
            return partial.withUsage(conversation.usage().plus(partial.usage()));
        }
        if (lastAnswer != null) return lastAnswer.withUsage(conversation.usage());
        return new ChatResponse("", null, dev.baton.llm.FinishReason.CANCELLED, conversation.usage(),
                model.info().provider(), model.info().model(), null, null, null, null, null, null);
    }

    /** How the loop ended: the final answer, the tool calls and the rounds; only once the stream ended. */
    public ToolLoop.Result result() {
        if (result == null) throw new IllegalStateException("the tool loop has not ended yet");
        return result;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ChatStream current = round;
        if (current != null) current.close();
    }
}
