package dev.baton.coordinator;

import dev.baton.config.ConfigException;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time and cost limits: a job past its time share returns what it has; the budget guard holds the cost limit; ranges. */
class CoordinatorBudgetTest {

    @TempDir
    Path tmp;

    @Test
    void a_job_past_its_time_share_is_stopped_and_returns_what_it_streamed_so_the_response_is_partial_success() throws Exception {
        String words = String.join(" ", java.util.Collections.nCopies(60, "finding"));
        String plan = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("codebase_changelog", 1, 1, 1));
        String config = """
                providers:
                  plan:
                    kind: rec
                    options:
                      script:
                        replies:
                          - text: %s
                        fallback: {text: "SYNTHESIS"}
                  work:
                    kind: rec
                    options:
                      script:
                        fallback: {text: "%s", chunk_delay_ms: 200}
                profiles:
                  default: {provider: plan, model: planner}
                  tools: {provider: work, model: worker}
                coordinator:
                  tool_profile: tools
                """.formatted(plan, words);
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config, List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("What changed?")
                    .withMaxExecutionTime(Duration.ofSeconds(6)), CoordinatorListener.NONE);

            assertThat(r.jobs()).as(r.errors().toString()).hasSize(1);
            JobResult job = r.jobs().getFirst();
            assertThat(job.state()).isEqualTo(JobState.ABORTED);
            assertThat(job.partial()).isTrue();
            assertThat(job.output()).startsWith("finding").hasSizeLessThan(words.length());
            assertThat(job.error().code()).isEqualTo("TIMEOUT");
            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.PARTIAL_SUCCESS);
            assertThat(r.budget().timeExceeded()).isTrue();
            assertThat(r.results()).containsKey("codebase_changelog");
            assertThat(r.synthesis()).isEqualTo("SYNTHESIS");
        }
    }

    @Test
    void a_priced_profile_past_the_cost_limit_is_stopped_by_the_budget_guard_and_the_ledger_shows_no_spend_past_it() throws Exception {
        String plan = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("codebase_context", 3, 0.4, 0.4),
                CoordinatorJobsTest.job("codebase_changelog", 2, 0.3, 0.3), CoordinatorJobsTest.job("documentation_context", 1, 0.3, 0.3));
        String config = """
                providers:
                  plan:
                    kind: rec
                    options:
                      script:
                        replies:
                          - text: %s
                        fallback: {text: "SYNTHESIS"}
                  work:
                    kind: rec
                    options:
                      script:
                        fallback: {text: "tool finding"}
                profiles:
                  default: {provider: plan, model: planner, prices: {input: 2.0, output: 8.0}}
                  tools: {provider: work, model: worker, prices: {input: 2.0, output: 8.0}}
                coordinator:
                  tool_profile: tools
                """.formatted(plan);
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config, List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?")
                    .withMaxCost(new BigDecimal("0.10")).withRequestId("req-budget"), CoordinatorListener.NONE);

            assertThat(r.status()).isIn(CoordinatorResponse.Status.PARTIAL_SUCCESS, CoordinatorResponse.Status.FAILED);
            assertThat(r.errors()).anySatisfy(e -> assertThat(e.code()).isEqualTo("BUDGET_EXCEEDED"));
            assertThat(r.budget().costExceeded()).isTrue();
            assertThat(r.budget().costLimitUsd()).isEqualByComparingTo("0.10");
            f.baton.pipeline().ledger().flush();
            List<StatsRow> rows = f.baton.pipeline().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.RUN));
            BigDecimal spent = rows.stream().filter(row -> row.key().startsWith("req-budget"))
                    .map(row -> row.costUsd() == null ? BigDecimal.ZERO : row.costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(spent).isPositive().isLessThanOrEqualTo(new BigDecimal("0.10"));
            assertThat(r.budget().costSpentUsd()).isEqualByComparingTo(spent);
        }
    }

    @Test
    void request_values_out_of_range_are_refused_with_the_range_before_anything_is_spent() {
        CoordinatorSettings settings = CoordinatorSettings.of(null, tmp);
        assertThatThrownBy(() -> CoordinatorRequest.of("q").withMaxCost(new BigDecimal("0.05")).validated(settings))
                .isInstanceOf(BatonException.class).hasMessageContaining("max_cost").hasMessageContaining("0.10 and 10.00")
                .extracting(e -> ((BatonException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThatThrownBy(() -> CoordinatorRequest.of("q").withMaxCost(new BigDecimal("10.01")).validated(settings))
                .hasMessageContaining("0.10 and 10.00");
        assertThatThrownBy(() -> CoordinatorRequest.of("q").withMaxExecutionTime(Duration.ofSeconds(301)).validated(settings))
                .hasMessageContaining("max_execution_time").hasMessageContaining("1s and 300s");
        assertThatThrownBy(() -> CoordinatorRequest.of(" ").validated(settings)).hasMessageContaining("query");
        CoordinatorRequest ok = CoordinatorRequest.of("q").validated(settings);
        assertThat(ok.maxCost()).isEqualByComparingTo("1.00");
        assertThat(ok.maxExecutionTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ok.requestId()).isNotBlank();
    }

    @Test
    void configuration_values_out_of_range_are_refused_with_file_line_and_range() {
        ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of()));
        Path file = tmp.resolve("config.yaml");
        Map<String, String> cases = Map.of(
                "max_parallel_jobs: 11", "1 to 10",
                "temperature: 1.5", "0 to 1",
                "max_tokens: 9000", "1 to 8192",
                "max_cost_usd: 0.05", "0.10 and 10.00",
                "max_execution_time: 301s", "1s and 300s",
                "job_wait_timeout: 5s", "10s and 300s",
                "response_format: xml", "json or text");
        cases.forEach((line, range) -> assertThatThrownBy(() -> loader.parse("profiles: {}\ncoordinator:\n  " + line + "\n", file))
                .as(line).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3").hasMessageContaining(range)
                .hasMessageContaining(line.substring(0, line.indexOf(':'))));
        assertThatThrownBy(() -> loader.parse("coordinator:\n  max_parallel: 3\n", file))
                .hasMessageContaining("unknown key 'max_parallel'");
        var settings = CoordinatorSettings.of(loader.parse("coordinator:\n  max_parallel_jobs: 7\n  max_cost_usd: 2\n", file).coordinator(), tmp);
        assertThat(settings.maxParallelJobs()).isEqualTo(7);
        assertThat(settings.maxCostUsd()).isEqualByComparingTo("2");
        assertThat(settings.plannerProfile()).isEqualTo("default");
        assertThat(settings.promptsDir()).isEqualTo(tmp.toAbsolutePath().resolve(".baton/prompts"));
    }
}
