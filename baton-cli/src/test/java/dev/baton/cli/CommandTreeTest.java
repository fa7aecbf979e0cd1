package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command tree is built only as far as the command line needs it, without changing what users see. */
class CommandTreeTest {

    @TempDir
    Path tmp;

    private CommandLine tree(String... args) {
        return Main.commandLine(CliEnvironment.system(), args);
    }

    @Test
    void a_named_subcommand_builds_only_that_one() {
        assertThat(tree("profiles", "list").getSubcommands()).containsOnlyKeys("profiles");
        assertThat(tree("profiles", "list").getSubcommands().get("profiles").getSubcommands())
                .containsOnlyKeys("list", "show");
    }

    @Test
    void version_alone_builds_no_subcommand() {
        assertThat(tree("--version").getSubcommands()).isEmpty();
        assertThat(tree("-V").getSubcommands()).isEmpty();
    }

    @Test
    void help_no_command_and_unknown_names_build_everything() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "ask"}, {"proflies"}, {"--version", "ask"}}) {
            assertThat(tree(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(BatonCommand.SUBCOMMANDS.keySet());
        }
    }

    @Test
    void top_level_help_still_lists_every_subcommand_and_typos_get_suggestions() {
        var help = new CliHarness(tmp).run("--help");
        assertThat(help.exit()).isZero();
        for (String name : BatonCommand.SUBCOMMANDS.keySet()) assertThat(help.out()).contains("  " + name + " ");

        var typo = new CliHarness(tmp).run("proflies");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean").contains("baton profiles");
    }

    @Test
    void inherited_help_option_works_on_a_lazily_added_subcommand() {
        var r = new CliHarness(tmp).run("ensembles", "validate", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: baton ensembles validate");
    }
}
