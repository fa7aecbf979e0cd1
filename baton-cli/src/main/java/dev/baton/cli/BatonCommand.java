package dev.baton.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** The top-level {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = "LLM orchestration for the JVM: one interface to every provider, ensembles of agents, budgets.")
final class BatonCommand implements Runnable {

    /**
     * The subcommands, in help order. They are registered by {@link Main} rather than in the
     * annotation so that a command line naming one of them builds only that one's model.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("ask", AskCommand.class);
        m.put("chat", ChatCommand.class);
        m.put("init", InitCommand.class);
        m.put("profiles", ProfilesCommand.class);
        m.put("personas", PersonasCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("providers", ProvidersCommand.class);
        m.put("invoke", InvokeCommand.class);
        m.put("coordinate", CoordinateCommand.class);
        m.put("ensembles", EnsemblesCommand.class);
        m.put("artifacts", ArtifactsCommand.class);
        m.put("test", TestCommand.class);
        m.put("models", ModelsCommand.class);
        m.put("auth", AuthCommand.class);
        m.put("stats", StatsCommand.class);
        m.put("budgets", BudgetsCommand.class);
        m.put("library", LibraryCommand.class);
        m.put("ops", OpsCommand.class);
        m.put("scripts", ScriptsCommand.class);
        m.put("tools", ToolsCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("mcp", McpCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("keys", KeysCommand.class);
        m.put("memory", MemoryCommand.class);
        m.put("tasks", TasksCommand.class);
        m.put("worker", WorkerCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", picocli.CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
