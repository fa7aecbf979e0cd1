package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.llm.ToolCall;
import dev.baton.config.McpOAuthSettings;
import dev.baton.mcp.Elicitation;
import dev.baton.mcp.McpToolSource;
import dev.baton.tool.Approver;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code baton tools list} and {@code baton tools call}: the tools Baton offers, and one call through the invoker. */
@Command(name = "tools", description = "The tools models may call: list them, or call one (validated, permitted, audited).",
        subcommands = {ToolsCommand.ListCmd.class, ToolsCommand.CallCmd.class})
final class ToolsCommand extends CommandGroup {

    @Command(name = "list", description = "Every tool with its source, category and what the permission mode does with a call; "
            + "sources that failed to start are listed under them.")
    static final class ListCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @ArgGroup(exclusive = true)
        AdHocMcpServer mcp;
        @Mixin
        McpOAuthOptions oauth;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton(); ToolRegistry adHoc = adHocRegistry(env, mcp, oauth, Elicitation.UNSUPPORTED)) {
                Tools tools = baton.tools();
                ToolRegistry registry = adHoc != null ? adHoc : tools.registry();
                String mode = mode(tools);
                List<ToolsJson.Tool> rows = registry.all().stream().map(e -> new ToolsJson.Tool(e.tool().name(),
                        e.source(), e.tool().category().id(), permission(tools, e.tool()), e.tool().description())).toList();
                // after all(): it is the listing that finds out which sources cannot start
                List<ToolsJson.Unavailable> down = registry.unavailable().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new ToolsJson.Unavailable(e.getKey(), e.getValue())).toList();
                // the one server named on the command line not starting is a failure, not an empty listing
                int exit = adHoc != null && !down.isEmpty() ? ExitCodes.FAILURE : ExitCodes.OK;
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, new ToolsJson.Listing(mode, rows, down));
                    return exit;
                }
                if (rows.isEmpty()) {
                    out.println("no tools available (mode: " + mode + ")");
                } else {
                    Table t = new Table("NAME", "SOURCE", "CATEGORY", "PERMISSION");
                    for (ToolsJson.Tool r : rows) t.row(r.name(), r.source(), r.category(), r.permission());
                    t.print(out);
                    out.println("mode: " + mode + " (run: runs without asking; ask: needs approval; deny: refused)");
                }
                if (!down.isEmpty()) {
                    out.println();
                    Table t = new Table("UNAVAILABLE SOURCE", "WHY");
                    for (ToolsJson.Unavailable u : down) t.row(u.source(), u.reason());
                    t.print(out);
                }
                out.flush();
                return exit;
            }
        }
    }

    /**
     * A registry holding only the server {@code --mcp-url/--mcp-command} names, or null without
     * them; {@code --oauth-*} options need {@code --mcp-url}.
     */
    private static ToolRegistry adHocRegistry(CliEnvironment env, AdHocMcpServer mcp, McpOAuthOptions oauth,
                                              Elicitation elicitation) {
        if (oauth.given() && (mcp == null || mcp.url == null)) {
            throw new UsageException("--oauth-* options need --mcp-url (for configured servers use mcp_servers.NAME.oauth)");
        }
        McpToolSource source = mcp == null ? null
                : mcp.source(env, elicitation, oauth.given() ? oauth.settings(env.env()) : McpOAuthSettings.none());
        return source == null ? null : new ToolRegistry().add(source);
    }

    @Command(name = "call", description = "Calls one tool with JSON arguments, through validation, permissions, approval and audit.")
    static final class CallCmd implements Callable<Integer> {
        /** Who approved a call by {@code --yes}, as the audit log names it. */
        static final String YES = "cli --yes";

        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(index = "0", paramLabel = "NAME", description = "the tool's name (see `baton tools list`)")
        String name;
        @Option(names = "--args", paramLabel = "JSON|@FILE", defaultValue = "{}",
                description = "the arguments: a JSON object, or @FILE to read it from a file (default {})")
        String args;
        @Option(names = {"-y", "--yes"},
                description = "approve this one call up front where the permissions would ask (a denied tool stays denied)")
        boolean yes;
        @Option(names = "--accept-elicitation-defaults",
                description = "with --mcp-*: answer the server's questions (elicitation) with the defaults of its form")
        boolean acceptElicitationDefaults;
        @ArgGroup(exclusive = true)
        AdHocMcpServer mcp;
        @Mixin
        McpOAuthOptions oauth;

        CallCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            String arguments = arguments();
            boolean json = output.resolve(env, false) == OutputFormat.json;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (acceptElicitationDefaults && mcp == null) {
                throw new UsageException("--accept-elicitation-defaults needs --mcp-url or --mcp-command");
            }
            Elicitation elicitation = acceptElicitationDefaults ? Elicitation.ACCEPT_DEFAULTS : Elicitation.UNSUPPORTED;
            try (Baton baton = env.openBaton(); ToolRegistry adHoc = adHocRegistry(env, mcp, oauth, elicitation)) {
                Tools tools = baton.tools();
                ToolRegistry.Entry entry = adHoc != null ? findAdHoc(adHoc) : find(tools.registry());
                Approver approver = yes ? r -> Approver.Decision.allow(YES) : TerminalApprover.forCommand(env, json, err);
                ToolInvoker invoker = tools.invoker(List.of(entry.tool()), tools.permissions(), approver, ToolListener.NONE);
                String runId = "cli-" + UUID.randomUUID().toString().substring(0, 8);
                // the invoker applies the sandbox's own limit; the deadline only keeps a bound on the whole command
                Instant deadline = Instant.now().plus(tools.sandbox().callTimeLimit()).plus(Duration.ofSeconds(5));
                ToolInvoker.Invocation r = invoker.invoke(new ToolCall("cli-1", entry.tool().name(), arguments),
                        new ToolContext(runId, "cli", tools.sandbox(), deadline));
                if (json) {
                    Json.print(out, ToolsJson.CallResult.of(r.result(), r.record()));
                } else if (!r.result().isError()) {
                    out.println(r.result().content());
                    if (r.result().truncated()) err.println("baton: output truncated at the output cap (tools.output_cap)");
                    out.flush();
                }
                if (!r.result().isError()) return ExitCodes.OK;
                if (!json) err.println("baton: tool " + r.record().outcome().name().toLowerCase(Locale.ROOT) + ": "
                        + r.result().content());
                if (!json && r.record().decidedBy().equals(dev.baton.tool.NonInteractiveApprover.DECIDED_BY)) {
                    err.println("baton: or pass --yes to approve this one call");
                }
                err.flush();
                return ExitCodes.FAILURE;
            }
        }

        /** The ad-hoc server's tool: by the server's own name or by {@code mcp.NAME}. */
        private ToolRegistry.Entry findAdHoc(ToolRegistry registry) {
            McpToolSource source = (McpToolSource) registry.sources().getFirst();
            return source.find(name).map(t -> new ToolRegistry.Entry(t, source.name())).orElseGet(() -> find(registry));
        }

        private ToolRegistry.Entry find(ToolRegistry registry) {
            try {
                registry.resolve(List.of(name));
            } catch (BatonException e) {
                throw UsageException.notFound(e.getMessage());
            }
            return registry.find(name).orElseThrow(() -> UsageException.notFound("unknown tool '" + name + "'"));
        }

        private String arguments() {
            if (!args.startsWith("@")) return args;
            Path file = env.workingDir().resolve(args.substring(1));
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw UsageException.notFound("--args: cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    private static String mode(Tools tools) {
        ToolPolicy.Mode mode = ToolPolicy.Mode.MANUAL;
        for (ToolPolicy layer : tools.permissions().layers()) {
            if (layer.mode() != null) mode = layer.mode();
        }
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String permission(Tools tools, Tool tool) {
        return tools.permissions().permission(tool.name(), tool.category()).name().toLowerCase(Locale.ROOT);
    }
}
