package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.tool.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code baton audit list}: the tool calls in the audit log, newest first. */
@Command(name = "audit", description = "The audit log of tool calls.", subcommands = {AuditCommand.ListCmd.class})
final class AuditCommand extends CommandGroup {

    @Command(name = "list", description = "Audited tool calls: run, agent, tool, decision, outcome, output size; newest first.")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--run", paramLabel = "ID", description = "only this run's calls")
        String run;
        @Option(names = "--tool", paramLabel = "NAME", description = "only this tool's calls (a name or a glob such as fs.*)")
        String tool;
        @Option(names = "--since", paramLabel = "DURATION", description = "only calls in this window, e.g. 1h, 24h, 7d (default: all)")
        String since;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "at most N entries (default 100)")
        int limit;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            if (limit < 1) throw new UsageException("--limit: must be at least 1, got " + limit);
            Instant from = since == null ? null : Instant.now().minus(Durations.parse(since, "--since"));
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                List<AuditLog.Entry> entries = baton.tools().audit().list(new AuditLog.Filter(run, tool, from, limit));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, new ToolsJson.AuditListing(run, tool, from == null ? null : from.toString(),
                            entries.stream().map(ToolsJson.AuditEntry::of).toList()));
                    return;
                }
                if (entries.isEmpty()) {
                    out.println("no tool calls audited" + (since == null ? "" : " in the last " + since));
                    out.flush();
                    return;
                }
                Table t = new Table("STARTED", "RUN", "AGENT", "TOOL", "DECISION", "BY", "OUTCOME", "MS", "BYTES", "ARGUMENTS");
                for (AuditLog.Entry e : entries) {
                    t.row(e.started(), e.runId(), e.agent(), e.tool(), e.decision(), e.decidedBy(),
                            e.outcome().name().toLowerCase(Locale.ROOT), Duration.between(e.started(), e.ended()).toMillis(),
                            e.outputBytes() + (e.truncated() ? " (truncated)" : ""), shorten(e.arguments()));
                }
                t.print(out);
            }
        }

        private static String shorten(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
