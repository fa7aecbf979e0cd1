package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ToolCall;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code baton ask --tools}: the tools named on the command line, resolved through the registry,
 * and the {@link ToolLoop} that lets the prompt use them. Calls go through configuration's
 * permissions, the approver (the terminal, or a non-interactive denial) and the audit log, as
 * agent {@code ask}; each call is shown on stderr as it starts and ends.
 */
final class AskTools {

    /** How the audit log names the caller. */
    static final String AGENT = "ask";
    /** A bound on the tools' deadline; each call still has the sandbox's own time limit. */
    private static final Duration DEADLINE = Duration.ofHours(1);
    private static final int SHOWN_ARGUMENTS = 120;

    private AskTools() {
    }

    /** The tools {@code --tools} names (comma-separated names or globs); unknown names are usage errors. */
    static List<Tool> resolve(Tools tools, String names) {
        List<String> patterns = Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (patterns.isEmpty()) throw new UsageException("--tools: give tool names or globs, e.g. --tools read_file,search_text");
        List<ToolRegistry.Entry> entries;
        try {
            entries = tools.registry().resolve(patterns);
        } catch (BatonException e) {
            throw UsageException.notFound("--tools: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw UsageException.notFound("--tools: no tool matches " + String.join(", ", patterns)
                    + "; `baton tools list` shows the tools available");
        }
        return entries.stream().map(ToolRegistry.Entry::tool).toList();
    }

    /** A loop over {@code model} offering {@code offered}, for at most {@code maxRounds} rounds of tool calls. */
    static ToolLoop loop(Baton baton, ChatModel model, List<Tool> offered, int maxRounds, CliEnvironment env,
                         boolean json, PrintWriter err) {
        return baton.tools().loop(model, offered, TerminalApprover.forCommand(env, json, err), new Progress(err), maxRounds);
    }

    /** The context of this prompt's calls: one run id for the audit log, agent {@value #AGENT}. */
    static ToolContext context(Baton baton) {
        return new ToolContext("ask-" + UUID.randomUUID().toString().substring(0, 8), AGENT, baton.tools().sandbox(),
                Instant.now().plus(DEADLINE));
    }

    /** Shows each call on stderr: the tool when it starts; how it ended, how long and how much when it finishes. */
    private record Progress(PrintWriter err) implements ToolListener {
        @Override
        public void toolCallStarted(ToolContext context, ToolCall call) {
            // the raw arguments may hold secrets: the finished line shows them redacted
            err.println("baton: tool " + call.name() + " ...");
            err.flush();
        }

        @Override
        public void toolCallFinished(ToolContext context, ToolCallRecord r) {
            String args = r.arguments().length() > SHOWN_ARGUMENTS ? r.arguments().substring(0, SHOWN_ARGUMENTS) + "…" : r.arguments();
            err.println("baton: tool " + r.tool() + " " + args + " -> " + r.outcome().name().toLowerCase(Locale.ROOT)
                    + " (" + r.duration().toMillis() + " ms, " + r.outputBytes() + " bytes" + (r.truncated() ? ", truncated" : "")
                    + ")");
            err.flush();
        }
    }
}
