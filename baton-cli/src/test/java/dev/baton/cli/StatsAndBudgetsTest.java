package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAndBudgetsTest {

    @TempDir
    Path tmp;

    @Test
    void a_budget_refuses_calls_once_spent_and_stats_and_budgets_show_it() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        // 1000 USD per million tokens: each offline call costs a few cents; the limit allows only some.
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), """
                profiles:
                  priced:
                    provider: scripted
                    model: offline
                    max_tokens: 20
                    prices: {input: 1000, output: 1000}
                budgets:
                  - {scope: project, period: total, usd: 0.10}
                """);

        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            var r = cli.run("ask", "-p", "priced", "tell me something number " + i);
            if (r.exit() == 0) ok++;
            else {
                assertThat(r.err()).contains("BUDGET_EXCEEDED");
                refused++;
            }
        }

        assertThat(ok).isPositive();
        assertThat(refused).isPositive();
        JsonNode budgets = Json.MAPPER.readTree(cli.run("budgets", "list", "-o", "json").out());
        assertThat(budgets.path(0).path("limit_usd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(budgets.path(0).path("spent_usd").decimalValue()).isPositive()
                .isLessThanOrEqualTo(new java.math.BigDecimal("0.10"));
        JsonNode stats = Json.MAPPER.readTree(cli.run("stats", "--by", "profile", "-o", "json").out());
        assertThat(stats.path("rows").path(0).path("key").asString()).isEqualTo("priced");
        assertThat(stats.path("rows").path(0).path("calls").asLong()).isGreaterThanOrEqualTo(ok);
    }

    @Test
    void a_bad_since_or_by_is_a_usage_error() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("stats", "--since", "yesterday").exit()).isEqualTo(2);
        assertThat(cli.run("stats", "--by", "colour").exit()).isEqualTo(2);
    }

    @Test
    void a_bad_budget_scope_is_a_configuration_error() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), "budgets:\n  - {scope: galaxy, usd: 1}\n");
        var r = cli.run("budgets", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("budgets[0].scope").contains("galaxy");
    }

    @Test
    void providers_status_shows_an_open_circuit_after_recent_failures() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), """
                retry: {max_attempts: 1}
                providers:
                  flaky:
                    kind: scripted
                    options:
                      script:
                        fallback: {error: {code: PROVIDER_ERROR, message: upstream is down}}
                profiles:
                  f: {provider: flaky, model: m}
                """);
        for (int i = 0; i < 5; i++) assertThat(cli.run("ask", "-p", "f", "hi " + i).exit()).isEqualTo(1);

        JsonNode status = Json.MAPPER.readTree(cli.run("providers", "status", "-o", "json", "--timeout", "0.5").out());

        JsonNode flaky = null;
        for (JsonNode p : status) if (p.path("name").asString().equals("flaky")) flaky = p;
        assertThat(flaky).isNotNull();
        assertThat(flaky.path("circuit").asString()).isEqualTo("open");
        assertThat(flaky.path("deployments").path(0).path("recent_failures").asInt()).isEqualTo(5);
    }
}
