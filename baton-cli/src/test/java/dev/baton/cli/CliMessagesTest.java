package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Wording a user reads on stderr: the {@code baton:} prefix on parse errors, counts in the right number. */
class CliMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void an_unknown_option_is_one_prefixed_line_with_a_usage_hint_and_exit_2() {
        var r = new CliHarness(tmp).run("profiles", "list", "--frob");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst()).hasValue("baton: Unknown option: '--frob'");
        assertThat(r.err()).contains("Try 'baton profiles list --help' for more information.")
                .doesNotContain("Usage:");
    }

    @Test
    void a_mistyped_subcommand_gets_the_prefix_and_a_suggestion() {
        var r = new CliHarness(tmp).run("ensembels");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("baton: Unmatched argument at index 0: 'ensembels'")
                .contains("ensembles").contains("Try 'baton --help'");
    }

    @Test
    void a_missing_parameter_is_prefixed_too() {
        var r = new CliHarness(tmp).run("scripts", "test");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("baton: Missing required parameter: 'NAME'");
    }

    @Test
    void counts_take_the_singular_only_for_one() {
        assertThat(Quantity.of(1, "agent")).isEqualTo("1 agent");
        assertThat(Quantity.of(0, "agent")).isEqualTo("0 agents");
        assertThat(Quantity.of(2, "test")).isEqualTo("2 tests");
    }

    @Test
    void a_one_agent_ensemble_is_announced_as_one_agent() {
        var project = new EnsembleProject(tmp).ensemble("solo", """
                name: solo
                agents:
                  - name: only
                    script: printf 'hi'
                """);

        var r = project.run("invoke", "solo", "x", "-o", "rich", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("), 1 agent\n").doesNotContain("1 agents");
        assertThat(r.out()).contains("solo  completed  1/1 agent ").doesNotContain("1 agents");
    }
}
