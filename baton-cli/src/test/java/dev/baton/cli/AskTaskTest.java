package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask --task TYPE}: the prompt goes where {@code routing:} sends that task type. */
class AskTaskTest {

    @TempDir
    Path tmp;

    private CliHarness project() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path project = Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  canned: {kind: scripted}
                profiles:
                  small: {provider: canned, model: small-m, context_window: 50}
                  big: {provider: canned, model: big-m, context_window: 100000}
                routing:
                  summarize: [small, big]
                """);
        return cli;
    }

    @Test
    void ask_with_a_task_uses_the_route_and_reports_the_profile_it_picked() throws Exception {
        CliHarness cli = project();

        var small = cli.run("ask", "--task", "summarize", "-o", "json", "hi");
        var big = cli.run("ask", "--task", "summarize", "-o", "json", "word ".repeat(2_000));

        assertThat(small.exit()).isZero();
        assertThat(Json.MAPPER.readTree(small.out()).path("profile").asString()).isEqualTo("small");
        assertThat(small.err()).contains("task summarize -> small, big");
        assertThat(big.exit()).isZero();
        assertThat(Json.MAPPER.readTree(big.out()).path("profile").asString()).isEqualTo("big");
    }

    @Test
    void an_unknown_task_is_exit_2_naming_the_task_types_routing_defines() throws Exception {
        CliHarness cli = project();

        var r = cli.run("ask", "--task", "translate", "hi");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown task type 'translate'").contains("summarize");
    }

    @Test
    void task_and_profile_cannot_both_be_given() throws Exception {
        var r = project().run("ask", "--task", "summarize", "-p", "small", "hi");

        assertThat(r.exit()).isEqualTo(2);
    }
}
