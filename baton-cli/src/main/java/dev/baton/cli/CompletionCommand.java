package dev.baton.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * {@code baton completion bash|zsh|fish}: prints a shell completion script for every command and
 * option. bash's comes from picocli; zsh loads that same script through {@code bashcompinit};
 * fish's is written by {@link FishCompletion} from the same command model.
 */
@Command(name = "completion", description = "Print a shell completion script: bash, zsh or fish.",
        footer = {"", "Install:",
                "  bash  baton completion bash > ~/.local/share/bash-completion/completions/baton",
                "  zsh   baton completion zsh > \"${fpath[1]}/_baton\"   (or: source <(baton completion zsh))",
                "  fish  baton completion fish > ~/.config/fish/completions/baton.fish"})
final class CompletionCommand implements Runnable {

    /** The shells a script can be printed for. */
    enum Shell { bash, zsh, fish }

    private final CliEnvironment env;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    Shell shell;

    CompletionCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        // Main builds only the subcommand a command line names; completion needs all of them.
        CommandLine tree = Main.commandLine(env);
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (shell) {
            case bash -> AutoComplete.bash("baton", tree);
            case zsh -> zsh(AutoComplete.bash("baton", tree));
            case fish -> new FishCompletion("baton").script(tree.getCommandSpec());
        });
        out.flush();
    }

    /** The bash script behind zsh's bash-compatibility layer, which it needs loaded first. */
    private static String zsh(String bashScript) {
        return "#compdef baton\n"
                + "# Baton completion for zsh, through zsh's bash-completion compatibility.\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bashScript;
    }
}
