package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A configuration that cannot serve the call stops {@code ask} with exit 2 and says what to change. */
class AskConfigurationErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void ask_fast_right_after_init_without_a_key_is_exit_2_naming_the_key_variable() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init").exit()).isZero();

        var r = cli.run("ask", "-p", "fast", "hello");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("configuration error").contains("fast").contains("OPENAI_API_KEY");
    }

    @Test
    void a_missing_script_file_is_exit_2_and_the_fallback_is_not_called() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path project = Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  canned:
                    kind: scripted
                    options:
                      script: missing-script.yaml
                profiles:
                  main:
                    provider: canned
                    model: m
                    fallback: [offline]
                """);

        var r = cli.run("ask", "-p", "main", "hello");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("offline scripted reply");
        assertThat(r.err()).contains("configuration error").contains("missing-script.yaml");
    }

    @Test
    void an_unset_variable_in_an_unused_provider_does_not_stop_another_profile() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path project = Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  groq:
                    kind: openai
                    base_url: https://api.groq.example/openai/v1
                    api_key: ${GROQ_API_KEY}
                profiles:
                  quick:
                    provider: groq
                    model: llama-3.1-8b-instant
                """);

        var offline = cli.run("ask", "-p", "offline", "hello");
        var quick = cli.run("ask", "-p", "quick", "hello");

        assertThat(offline.exit()).isZero();
        assertThat(quick.exit()).isEqualTo(2);
        assertThat(quick.err()).contains("config.yaml:5").contains("providers.groq.api_key").contains("GROQ_API_KEY");
    }
}
