package dev.baton.provider.scripted.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.ChatChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted answer delivered chunk by chunk: reasoning (if any), then the text one word (with
 * its trailing whitespace) per chunk, then the tool calls in one chunk, then the finish chunk
 * with usage. It waits the first-token latency before the first chunk and the chunk delay before
 * every further text chunk. {@link #close()} from any thread ends a pending wait and the stream.
 */
public final class ScriptedChatStream extends AssemblingChatStream {

    private static final Pattern WORD = Pattern.compile("\\s+|\\S+\\s*");

    private final List<Step> steps;
    private final Pause pause;
    private final RenderedReply rendered;
    private int next;

    /** One chunk, or the scripted failure, and the wait before it. */
    private record Step(long delayMs, ChatChunk chunk) {
    }

    public ScriptedChatStream(String provider, String model, RenderedReply rendered, Pause pause) {
        super(provider, model);
        this.rendered = rendered;
        this.pause = pause;
        this.steps = plan(rendered);
        setResponseId(rendered.responseId());
    }

    /** The word chunks a text is streamed in; joined, they give the text back. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) words.add(m.group());
        return words;
    }

    private static List<Step> plan(RenderedReply rendered) {
        var reply = rendered.reply();
        List<Step> steps = new ArrayList<>();
        if (rendered.reasoning() != null && !rendered.reasoning().isEmpty()) {
            steps.add(new Step(0, ChatChunk.reasoning(rendered.reasoning())));
        }
        List<String> words = words(rendered.text());
        int limit = reply.failAfterChunks() == null ? words.size() : Math.min(reply.failAfterChunks(), words.size());
        for (int i = 0; i < limit; i++) {
            steps.add(new Step(steps.isEmpty() ? 0 : reply.chunkDelayMs(), ChatChunk.text(words.get(i))));
        }
        if (reply.error() != null) {
            steps.add(new Step(steps.isEmpty() ? 0 : reply.chunkDelayMs(), null));
            return steps;
        }
        if (!rendered.toolCalls().isEmpty()) steps.add(new Step(0, ChatChunk.toolCalls(rendered.toolCalls())));
        steps.add(new Step(0, ChatChunk.finish(rendered.finishReason(), rendered.usage())));
        return steps;
    }

    @Override
    protected ChatChunk pull() {
        if (next >= steps.size()) return null;
        Step step = steps.get(next);
        long wait = step.delayMs() + (next == 0 ? rendered.reply().firstTokenLatencyMs() : 0);
        if (!pause.await(wait)) return null;
        next++;
        if (step.chunk() == null) {
            BatonException failure = rendered.failure();
            throw failure;
        }
        return step.chunk();
    }

    @Override
    protected void release() {
        pause.cancel();
    }
}
