package dev.baton.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.util.Set;

/**
 * picocli models built in code, for the commands a user most often waits on. picocli reads an
 * annotated command by reflection: each annotation type it meets gets a dynamic proxy class (which
 * the JDK's AOT cache cannot hold) and each field a reflective accessor, about 90 ms of CPU on the
 * main thread of every start (docs/PERFORMANCE.md §20). The annotated classes stay the source of
 * the full tree ({@code --help}, {@code help}, completion); {@code CommandModelsTest} keeps each
 * model here equal to its annotated twin, option by option and in its usage text.
 */
final class CommandModels {

    /** The subcommands that have a model here. */
    static final Set<String> BUILT = Set.of("invoke", "ask");

    private CommandModels() {
    }

    /** Whether {@code name} has a model here. */
    static boolean has(String name) {
        return BUILT.contains(name);
    }

    /** {@code baton} itself, as {@link BatonCommand}'s annotations declare it. */
    static CommandSpec root() {
        BatonCommand command = new BatonCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("baton")
                .scopeType(ScopeType.INHERIT);
        spec.usageMessage().description(
                "LLM orchestration for the JVM: one interface to every provider, ensembles of agents, budgets.");
        standardHelpOptions(spec);
        command.spec = spec;
        return spec;
    }

    /**
     * picocli's {@code mixinStandardHelpOptions}, spelled out (the mixin is itself an annotated
     * class); every command of the tree has its own pair, as {@code scope = INHERIT} gives them.
     */
    static CommandSpec standardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).paramLabel("<helpRequested>").initialValue(false)
                .descriptionKey("mixinStandardHelpOptions.help").description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).paramLabel("<versionRequested>").initialValue(false)
                .descriptionKey("mixinStandardHelpOptions.version").description("Print version information and exit.").build());
        return spec.versionProvider(new VersionProvider());
    }

    /** The model of subcommand {@code name}, one of {@link #BUILT}. */
    static CommandSpec subcommand(String name, CliEnvironment env) {
        return switch (name) {
            case "invoke" -> InvokeCommandModel.spec(new InvokeCommand(env));
            case "ask" -> AskCommandModel.spec(new AskCommand(env));
            default -> throw new IllegalArgumentException("no model built in code for " + name);
        };
    }
}
