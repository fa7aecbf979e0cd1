package dev.baton.cli;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ToolCall;
import dev.baton.tool.Approver;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.Tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One answer of {@code baton chat}: the shaped request streamed through the profile's pipeline
 * (through the tool loop when tools are offered, each call shown as it starts and ends), printed
 * as it comes. {@link #cancel()} (Ctrl-C, from another thread) closes the stream, which cancels the
 * provider call; a cancelled turn records nothing. A finished turn records the task, every tool
 * call and result, and the answer, for the conversation's history.
 */
final class ChatTurn {

    private static final int SHOWN_ARGUMENTS = 120;

    /** The tools of a turn: offered tools under the session's permissions and approver. */
    record ToolSetup(Tools tools, List<Tool> offered, ToolPermissions permissions, Approver approver, int maxRounds,
                     ToolContext context) {
    }

    /** How a turn ended: the answer, the messages to add to the history, the response (usage), whether it was cancelled. */
    record Outcome(String answer, List<Message> recorded, ChatResponse response, boolean cancelled) {
    }

    private final ChatModel model;
    private final ToolSetup tools;
    private final AnswerPrinter printer;
    private volatile ChatStream stream;
    private volatile boolean cancelled;

    ChatTurn(ChatModel model, ToolSetup tools, AnswerPrinter printer) {
        this.model = model;
        this.tools = tools;
        this.printer = printer;
    }

    /**
     * Streams the answer to {@code request} (whose last message carries {@code task}, perhaps
     * with memory excerpts before it); the history records {@code task} alone.
     */
    Outcome run(ChatRequest request, String task) {
        Recording recording = new Recording(model);
        StringBuilder answer = new StringBuilder();
        ChatStream opened = null;
        try {
            opened = tools == null ? model.stream(request)
                    : tools.tools().loop(recording, tools.offered(), tools.permissions(), tools.approver(), new Shown(printer),
                            tools.maxRounds()).stream(request, tools.context());
            stream = opened;
            if (cancelled) opened.close();
            while (opened.hasNext()) {
                ChatChunk chunk = opened.next();
                answer.append(chunk.textDelta());
                printer.text(chunk.textDelta());
            }
            printer.finish();
            ChatResponse response = opened.response();
            if (cancelled) return new Outcome(answer.toString(), List.of(), response, true);
            List<Message> recorded = new ArrayList<>();
            recorded.add(Message.user(task));
            ChatRequest last = recording.last;
            if (tools != null && last != null && last.messages().size() > request.messages().size()) {
                recorded.addAll(last.messages().subList(request.messages().size(), last.messages().size()));
            }
            recorded.add(Message.assistant(response.text()));
            return new Outcome(answer.toString(), recorded, response, false);
        } catch (RuntimeException e) {
            if (!cancelled) throw e;
            printer.finish();
            return new Outcome(answer.toString(), List.of(), opened == null ? null : opened.response(), true);
        } finally {
            if (opened != null) opened.close();
        }
    }

    /** Stops the answer: the stream is closed (the provider call with it); safe from any thread. */
    void cancel() {
        cancelled = true;
        ChatStream s = stream;
        if (s != null) s.close();
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Keeps the last request the tool loop sent: its messages after the first request's are the tool rounds. */
    private static final class Recording implements ChatModel {
        private final ChatModel delegate;
        private volatile ChatRequest last;

        Recording(ChatModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            last = request;
            return delegate.chat(request);
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            last = request;
            return delegate.stream(request);
        }

        @Override
        public ModelInfo info() {
            return delegate.info();
        }
    }

    /** Shows each tool call in the answer as it starts and as it ends. */
    private record Shown(AnswerPrinter printer) implements ToolListener {
        @Override
        public void toolCallStarted(ToolContext context, ToolCall call) {
            // the raw arguments may hold secrets: the finished line shows them redacted
            printer.note("[tool] " + call.name() + " ...");
        }

        @Override
        public void toolCallFinished(ToolContext context, ToolCallRecord r) {
            String args = r.arguments().length() > SHOWN_ARGUMENTS ? r.arguments().substring(0, SHOWN_ARGUMENTS) + "…" : r.arguments();
            printer.note("[tool] " + r.tool() + " " + args + " -> " + r.outcome().name().toLowerCase(Locale.ROOT) + " ("
                    + r.duration().toMillis() + " ms)");
        }
    }
}
