package dev.baton.cli;

import picocli.CommandLine.Command;

/** The top-level {@code baton} command. */
@Command(name = "baton", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "LLM orchestration for the JVM: one interface to every provider, ensembles of agents, budgets.",
        subcommands = {AskCommand.class, InitCommand.class, ProfilesCommand.class, ProvidersCommand.class,
                ModelsCommand.class, AuthCommand.class, InvokeCommand.class, EnsemblesCommand.class,
                ArtifactsCommand.class, TestCommand.class,
                picocli.CommandLine.HelpCommand.class})
final class BatonCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
