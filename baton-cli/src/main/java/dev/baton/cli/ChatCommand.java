package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import dev.baton.context.ChatSession;
import dev.baton.context.Excerpt;
import dev.baton.tool.Approver;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code baton chat}: a conversation with a profile on a terminal (JLine), or line by line from
 * piped input. The session is stored, so {@code --session ID} resumes it.
 */
@Command(name = "chat", description = "Chat with a model: streamed answers, history, tools with approvals; /help inside.")
final class ChatCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "profile name or alias (default: default)")
    String profile;

    @Option(names = "--session", paramLabel = "ID", description = "resume a stored session (/sessions lists them)")
    String session;

    @Option(names = "--tools", paramLabel = "NAMES",
            description = "let the model call these tools (comma-separated names or globs, e.g. read_file,fs.*)")
    String tools;

    @Option(names = "--max-tool-rounds", paramLabel = "N", defaultValue = "10",
            description = "with --tools: rounds of tool calls per answer (default ${DEFAULT-VALUE})")
    int maxToolRounds;

    @Mixin
    OutputOptions output;

    @Option(names = "--memory",
            description = "give each message the most relevant excerpts of project memory (indexes the project on first use)")
    boolean memoryEachTurn;

    ChatCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (maxToolRounds < 1) throw new UsageException("--max-tool-rounds: must be at least 1, got " + maxToolRounds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.resolve(env, false) == OutputFormat.json;
        try (Baton baton = env.openBaton()) {
            String name = profile != null ? profile : "default";
            ResolvedProfile resolved = baton.profile(name);
            List<Tool> offered = tools == null ? List.of() : AskTools.resolve(baton.tools(), tools);
            ChatSession chat = session == null ? baton.context().conversations().start()
                    : baton.context().conversations().find(session).orElseThrow(() -> UsageException.notFound(
                            "--session: no stored chat session '" + session + "' (/sessions in a chat lists them)"));
            err.println("baton: profile " + resolved.name() + " -> " + resolved.modelRef() + " (" + resolved.origin() + ")");
            err.println("baton: session " + chat.id() + (session == null ? " (resume with --session " + chat.id() + ")" : " resumed"));
            err.flush();
            boolean interactive = !json && env.stdinIsTerminal() && env.stdoutIsTerminal();
            try (ChatConsole console = interactive
                    ? JLineChatConsole.open(baton.paths().dataDir().resolve("chat_history"), env.colour())
                    : new PlainChatConsole(env.stdin(), json ? new PrintWriter(PrintWriter.nullWriter()) : out)) {
                Approver approver = interactive ? approver((JLineChatConsole) console) : new NonInteractiveApprover();
                if (interactive) console.out().println("Chatting with " + resolved.name() + " (" + resolved.modelRef() + "). /help for commands.");
                Function<String, List<Excerpt>> memory = query -> excerpts(baton, query);
                ChatRepl repl = new ChatRepl(baton, console, err, chat.id(), name, offered, maxToolRounds, approver,
                        memory, memoryEachTurn);
                int code = repl.run();
                if (json) Json.print(out, document(chat.id(), repl));
                return code;
            }
        }
    }

    /** Project memory's excerpts for {@code query} within its default search budget, as the shaper takes them. */
    private static List<Excerpt> excerpts(Baton baton, String query) {
        int budget = baton.config().memory() == null ? dev.baton.config.MemoryConfig.DEFAULT_SEARCH_TOKENS
                : baton.config().memory().searchTokensOrDefault();
        return baton.memory().search(query, budget).excerpts().stream()
                .map(e -> new Excerpt(e.path() + ":" + e.startLine() + "-" + e.endLine(), e.text(), e.score()))
                .toList();
    }

    /** Approvals asked on the terminal between the answer's lines, read in the terminal's line mode. */
    private static Approver approver(JLineChatConsole console) {
        return new TerminalApprover(new BufferedReader(new InputStreamReader(console.terminal().input(), StandardCharsets.UTF_8)),
                console.out());
    }

    /** {@code -o json}: the session, the profile at the end, the turns and their tokens. */
    private static Map<String, Object> document(String session, ChatRepl repl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("session", session);
        doc.put("profile", repl.profile);
        doc.put("turns", repl.turns);
        doc.put("input_tokens", repl.stats.inputTokens());
        doc.put("output_tokens", repl.stats.outputTokens());
        return doc;
    }
}
