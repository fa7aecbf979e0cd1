package dev.baton.cli;

import picocli.CommandLine.Command;

/** The top-level {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = "LLM orchestration for the JVM: one interface to every provider, ensembles of agents, budgets.",
        subcommands = {AskCommand.class, InitCommand.class, ProfilesCommand.class, ProvidersCommand.class,
                InvokeCommand.class, EnsemblesCommand.class, ArtifactsCommand.class, TestCommand.class,
                ModelsCommand.class, AuthCommand.class, StatsCommand.class, BudgetsCommand.class,
                LibraryCommand.class, ScriptsCommand.class,
                picocli.CommandLine.HelpCommand.class})
final class BatonCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
