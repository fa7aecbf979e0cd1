package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton memory add|list|search|reindex|forget|summary}. */
class MemoryCommandTest {

    @TempDir
    Path tmp;

    @Test
    void facts_are_added_listed_and_forgotten_across_invocations() throws Exception {
        CliHarness cli = new CliHarness(tmp);

        var added = cli.run("memory", "add", "build.command", "./mvnw -B verify");
        var table = cli.run("memory", "list");
        JsonNode json = Json.MAPPER.readTree(cli.run("memory", "list", "-o", "json").out());
        var forgot = cli.run("memory", "forget", "build.command");
        var again = cli.run("memory", "forget", "build.command");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(table.out()).contains("build.command", "./mvnw -B verify", "cli");
        assertThat(json.path(0).path("key").asString()).isEqualTo("build.command");
        assertThat(json.path(0).path("source").asString()).isEqualTo("cli");
        assertThat(json.path(0).path("updated_at").asString()).endsWith("Z");
        assertThat(forgot.exit()).isZero();
        assertThat(again.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.out()).contains("no fact 'build.command'");
        assertThat(cli.run("memory", "list").out()).contains("no facts");
    }

    @Test
    void a_bad_key_is_a_usage_error_naming_the_character() {
        var r = new CliHarness(tmp).run("memory", "add", "bad key", "x");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("key").contains("' '");
    }

    @Test
    void search_prints_excerpts_with_path_and_line_range_and_reindex_counts_only_changes() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path work = cli.workDir();
        Files.writeString(work.resolve("Pump.java"), """
                package x;

                class Pump {
                    /** Runs the pump with the bypass open so air leaves the line. */
                    void prime() {
                    }

                    void stop() {
                    }
                }
                """);
        Files.writeString(work.resolve("notes.md"), "# Notes\n\n## Priming\nPrime before the first cycle.\n");

        JsonNode first = Json.MAPPER.readTree(cli.run("memory", "reindex", "-o", "json").out());
        JsonNode second = Json.MAPPER.readTree(cli.run("memory", "reindex", "-o", "json").out());
        var text = cli.run("memory", "search", "air leaves the line");
        JsonNode found = Json.MAPPER.readTree(cli.run("memory", "search", "prime the pump", "-o", "json").out());

        assertThat(first.path("indexed").asInt()).isEqualTo(2);
        assertThat(second.path("indexed").asInt()).isZero();
        assertThat(second.path("unchanged").asInt()).isEqualTo(2);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Pump.java:4-7  void prime() {").contains("bm25");
        assertThat(found.path("mode").asString()).isEqualTo("bm25");
        assertThat(found.path("excerpts").path(0).path("path").asString()).isIn("Pump.java", "notes.md");
        assertThat(found.path("excerpts").path(0).path("start_line").asInt()).isPositive();
        assertThat(found.path("tokens").asInt()).isPositive();
    }

    @Test
    void summary_without_a_summary_profile_is_a_usage_error_that_says_what_to_set() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.writeString(cli.workDir().resolve("a.md"), "# A\n");
        var r = cli.run("memory", "summary", "a.md");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("memory.summary_profile");
    }
}
