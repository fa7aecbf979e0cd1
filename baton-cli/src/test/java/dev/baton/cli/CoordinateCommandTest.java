package dev.baton.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code baton coordinate} offline from a fresh {@code baton init} project in a git repository. */
class CoordinateCommandTest {

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void project() throws Exception {
        assumeTrue(gitAvailable(), "git is not installed");
        cli = new CliHarness(tmp);
        Files.writeString(cli.workDir().resolve("README.md"), "# Demo\n\nA demo project about invoices.\n");
        Files.createDirectories(cli.workDir().resolve("src"));
        Files.writeString(cli.workDir().resolve("src/Invoice.java"), "// An invoice.\nclass Invoice { }\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "First invoice code");
        assertThat(cli.run("init", "--prompts").exit()).isZero();
    }

    @Test
    void answers_offline_with_a_well_formed_response_and_records_it() throws Exception {
        var r = cli.run("coordinate", "How are invoices made?", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("status").asString()).isIn("success", "partial_success");
        assertThat(json.path("jobs").size()).isPositive();
        assertThat(json.path("synthesis").asString()).isNotBlank();
        assertThat(json.path("budget").path("cost_limit_usd").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(json.path("metadata").path("models_used").size()).isPositive();
        Path artifact = Path.of(json.path("artifact_dir").asString());
        assertThat(artifact.resolve("execution.json")).exists();
        assertThat(artifact.resolve("execution.md")).exists();
        assertThat(cli.workDir().resolve(".baton/prompts/planner.md")).exists();
        assertThat(cli.run("artifacts", "list", "coordinator").exit()).isZero();
    }

    @Test
    void the_cost_limit_holds_against_a_priced_profile_and_the_response_says_why() throws Exception {
        String plan = "{\"jobs\": [{\"tool\": \"codebase_context\", \"arguments\": {}, \"priority\": 3, \"cost_share\": 0.8, "
                + "\"time_share\": 0.4, \"rationale\": \"code\"}, {\"tool\": \"codebase_changelog\", \"arguments\": {}, \"priority\": 2, "
                + "\"cost_share\": 0.1, \"time_share\": 0.3, \"rationale\": \"log\"}, {\"tool\": \"documentation_context\", "
                + "\"arguments\": {}, \"priority\": 1, \"cost_share\": 0.1, \"time_share\": 0.3, \"rationale\": \"docs\"}], \"answer\": \"\"}";
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), """
                providers:
                  paid:
                    kind: scripted
                    options:
                      script:
                        replies:
                          - text: '%s'
                            usage: {input_tokens: 1000, output_tokens: 3000}
                        fallback:
                          text: "a finding"
                          usage: {input_tokens: 1000, output_tokens: 3000}
                profiles:
                  priced: {provider: paid, model: m, prices: {input: 1.0, output: 10.0}}
                coordinator:
                  profile: priced
                """.formatted(plan));

        var r = cli.run("coordinate", "How are invoices made?", "--max-cost", "0.10", "-o", "json");

        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("status").asString()).isIn("partial_success", "failed");
        assertThat(r.exit()).isEqualTo(json.path("status").asString().equals("failed") ? 1 : 0);
        if (r.exit() == 0) assertThat(r.err()).contains("partial_success");
        assertThat(json.path("budget").path("cost_exceeded").asBoolean()).isTrue();
        assertThat(json.path("budget").path("cost_limit_usd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(json.path("errors").toString()).contains("BUDGET_EXCEEDED");
        JsonNode stats = Json.MAPPER.readTree(cli.run("stats", "-o", "json").out());
        BigDecimal spent = stats.path("rows").path(0).path("cost_usd").decimalValue();
        assertThat(spent).isPositive().isLessThanOrEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void out_of_range_values_are_usage_errors_naming_the_range() {
        var r = cli.run("coordinate", "q", "--max-cost", "20");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("max_cost").contains("0.10 and 10.00");
        var t = cli.run("coordinate", "q", "--max-time", "10m");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("1s and 300s");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cli.workDir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("git: " + out);
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
