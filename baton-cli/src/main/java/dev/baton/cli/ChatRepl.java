package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.context.ChatContext;
import dev.baton.context.Excerpt;
import dev.baton.context.ShapedContext;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.tool.Approver;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolPolicy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The read–answer loop of {@code baton chat}: each line is a message to the current profile, or
 * a command ({@link ChatCommands}). A message's answer runs on a virtual thread so Ctrl-C can
 * cancel it; a second Ctrl-C (during that answer or at the next prompt) ends the chat with 130.
 * Every finished turn is appended to the session's history of the profile, so the conversation
 * can be resumed with {@code --session}.
 */
final class ChatRepl {

    /** How long an answer may take to wind down after a second Ctrl-C before the chat ends anyway. */
    private static final Duration WIND_DOWN = Duration.ofSeconds(3);

    final Baton baton;
    final ChatContext context;
    final ChatConsole console;
    final PrintWriter err;
    final String session;
    final List<Tool> offered;
    final int maxToolRounds;
    final Approver approver;
    final Function<String, List<Excerpt>> memory;
    private final boolean memoryEachTurn;
    final ChatStats stats = new ChatStats();
    final List<Map<String, Object>> turns = new ArrayList<>();
    String profile;
    ToolPolicy.Mode mode;
    private final AtomicInteger interrupts = new AtomicInteger();
    private boolean exit;
    private int exitCode = ExitCodes.OK;

    ChatRepl(Baton baton, ChatConsole console, PrintWriter err, String session, String profile, List<Tool> offered,
             int maxToolRounds, Approver approver, Function<String, List<Excerpt>> memory,
             boolean memoryEachTurn) {
        this.baton = baton;
        this.context = baton.context();
        this.console = console;
        this.err = err;
        this.session = session;
        this.profile = profile;
        this.offered = offered;
        this.maxToolRounds = maxToolRounds;
        this.approver = approver;
        this.memory = memory;
        this.memoryEachTurn = memoryEachTurn;
    }

    /** Runs until end of input, {@code /exit} or a second Ctrl-C; returns the exit code. */
    int run() {
        ChatCommands commands = new ChatCommands(this);
        while (!exit) {
            String line;
            try {
                line = console.readLine(profile + "> ");
            } catch (ChatConsole.Interrupted e) {
                if (interrupts.incrementAndGet() > 1) return ExitCodes.INTERRUPTED;
                console.out().println("(Ctrl-C again to leave, or /exit)");
                console.out().flush();
                continue;
            }
            if (line == null) break;
            String text = line.strip();
            if (text.isEmpty()) continue;
            interrupts.set(0);
            if (text.startsWith("/")) {
                try {
                    if (!commands.run(text)) break;
                } catch (BatonException | UsageException e) {
                    problem(e.getMessage());
                }
                continue;
            }
            turn(text);
        }
        return exitCode;
    }

    /** One message to the model: shaped, streamed, recorded. */
    void turn(String task) {
        ShapedContext shaped;
        try {
            List<Excerpt> excerpts = memoryEachTurn ? memory.apply(task) : List.of();
            shaped = context.shaper(profile).shape(context.systemPromptOf(profile), excerpts,
                    context.conversations().history(session, profile), task);
        } catch (BatonException e) {
            problem(e.getMessage());
            return;
        }
        stats.context(shaped.input(), shaped.budget());
        if (shaped.historyDropped() > 0) {
            note("(" + shaped.historyDropped() + " older message(s) " + (shaped.summarised() ? "summarised" : "left out")
                    + " to fit the context window)");
        }
        ChatRequest request = ChatRequest.builder().messages(shaped.messages()).build();
        ChatTurn turn = new ChatTurn(baton.model(profile), toolSetup(), new AnswerPrinter(console.out(), console.styled(), console::width));
        ChatTurn.Outcome[] outcome = new ChatTurn.Outcome[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = Thread.ofVirtual().name("baton-chat-turn").start(() -> {
            try {
                outcome[0] = turn.run(request, task);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        try (AutoCloseable ignored = console.onInterrupt(() -> {
            if (interrupts.incrementAndGet() > 1) exit = true;
            turn.cancel();
            worker.interrupt();
        })) {
            while (!worker.join(Duration.ofMillis(100))) {
                if (exit) {
                    worker.join(WIND_DOWN);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn.cancel();
            exit = true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (exit) exitCode = ExitCodes.INTERRUPTED;
        finish(task, outcome[0], failure[0], turn);
    }

    private void finish(String task, ChatTurn.Outcome outcome, RuntimeException failure, ChatTurn turn) {
        if (failure != null) {
            problem(failure.getMessage());
            return;
        }
        if (outcome == null || outcome.cancelled() || turn.cancelled()) {
            note("[cancelled]");
            if (outcome != null && outcome.response() != null) stats.add(outcome.response().usage());
            return;
        }
        interrupts.set(0);
        stats.add(outcome.response().usage());
        context.conversations().append(session, profile, outcome.recorded());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("profile", profile);
        row.put("prompt", task);
        row.put("answer", outcome.answer());
        row.put("tool_messages", outcome.recorded().size() - 2);
        row.put("input_tokens", outcome.response().usage().inputTokens());
        row.put("output_tokens", outcome.response().usage().outputTokens());
        row.put("context_tokens", stats.lastContext().tokens());
        row.put("context_exact", stats.lastContext().exact());
        turns.add(row);
    }

    private ChatTurn.ToolSetup toolSetup() {
        if (offered.isEmpty()) return null;
        return new ChatTurn.ToolSetup(baton.tools(), offered, permissions(), approver, maxToolRounds,
                new ToolContext("chat-" + session, "chat", baton.tools().sandbox(), Instant.now().plus(Duration.ofHours(1))));
    }

    /**
     * The permissions of the current mode: configuration's as they are (no mode set); {@code manual}
     * narrows them so every call that is not a read asks; {@code trust} runs the tools offered with
     * {@code --tools} without asking, except those configuration denies.
     */
    ToolPermissions permissions() {
        ToolPermissions configured = baton.tools().permissions();
        if (mode == null) return configured;
        if (mode == ToolPolicy.Mode.MANUAL) return configured.narrowedBy(new ToolPolicy(ToolPolicy.Mode.MANUAL, List.of(), List.of()));
        List<String> denied = configured.layers().stream().flatMap(l -> l.deny().stream()).toList();
        return ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, offered.stream().map(Tool::name).toList(), denied));
    }

    List<Message> history() {
        return context.conversations().history(session, profile);
    }

    void note(String text) {
        console.out().println(text);
        console.out().flush();
    }

    void problem(String message) {
        if (console.interactive()) {
            note("error: " + message);
        } else {
            err.println("baton: " + message);
            err.flush();
        }
    }

    void exit() {
        exit = true;
    }
}
