package dev.baton.coordinator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The job manager through the whole coordinator: scripted planner, internal tools over scripted tool models. */
class CoordinatorJobsTest {

    @TempDir
    Path tmp;

    /** A planner answering {@code plan} then the synthesis; tool models answering after {@code latencyMs}. */
    static String config(String planJson, int maxParallel, int latencyMs) {
        return """
                providers:
                  plan:
                    kind: rec
                    options:
                      script:
                        replies:
                          - text: %s
                        fallback: {text: "SYNTHESIS of the findings"}
                  work:
                    kind: rec
                    options:
                      script:
                        fallback: {text: "tool finding", latency_ms: %d}
                profiles:
                  default: {provider: plan, model: planner}
                  tools: {provider: work, model: worker}
                coordinator:
                  tool_profile: tools
                  expert_profile: tools
                  max_parallel_jobs: %d
                """.formatted(planJson, latencyMs, maxParallel);
    }

    static String job(String tool, int priority, double cost, double time) {
        return "{\"tool\": \"%s\", \"arguments\": {}, \"priority\": %d, \"cost_share\": %s, \"time_share\": %s, \"rationale\": \"r\"}"
                .formatted(tool, priority, cost, time);
    }

    static String plan(String... jobs) {
        return "'{\"jobs\": [" + String.join(", ", jobs) + "], \"answer\": \"\"}'";
    }

    @Test
    void a_plan_of_three_of_the_five_tools_runs_exactly_those_in_priority_order_one_at_a_time() throws Exception {
        String plan = plan(job("codebase_context", 1, 0.3, 0.3), job("documentation_context", 9, 0.3, 0.3),
                job("codebase_changelog", 5, 0.4, 0.4));
        List<CoordinatorEvent> events = new CopyOnWriteArrayList<>();
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(plan, 1, 50), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?"), events::add);

            assertThat(r.errors()).isEmpty();
            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.SUCCESS);
            assertThat(r.jobs()).extracting(JobResult::tool)
                    .containsExactly("codebase_context", "documentation_context", "codebase_changelog");
            List<JobResult> byStart = new ArrayList<>(r.jobs());
            byStart.sort(Comparator.comparing(JobResult::startedAt));
            assertThat(byStart).extracting(JobResult::tool)
                    .containsExactly("documentation_context", "codebase_changelog", "codebase_context");
            assertThat(maxOverlap(r.jobs())).isEqualTo(1);
            assertThat(f.requests("work")).hasSize(3);
            assertThat(r.results()).containsOnlyKeys("codebase_context", "documentation_context", "codebase_changelog");
            assertThat(r.synthesis()).isEqualTo("SYNTHESIS of the findings");
            assertThat(events).filteredOn(e -> e instanceof CoordinatorEvent.JobChanged c && c.jobId().equals("job-1"))
                    .extracting(e -> ((CoordinatorEvent.JobChanged) e).state())
                    .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED);
            assertThat(events.getLast()).isInstanceOf(CoordinatorEvent.Completed.class);
        }
    }

    @Test
    void never_more_than_max_parallel_jobs_run_at_once_and_that_many_do() throws Exception {
        String plan = plan(job("codebase_context", 1, 0.2, 0.2), job("documentation_context", 1, 0.2, 0.2),
                job("codebase_changelog", 1, 0.2, 0.2), job("documentation_changelog", 1, 0.2, 0.2));
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(plan, 2, 400), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?"), CoordinatorListener.NONE);

            assertThat(r.jobs()).allSatisfy(j -> assertThat(j.state()).isEqualTo(JobState.COMPLETED));
            assertThat(maxOverlap(r.jobs())).isEqualTo(2);
        }
    }

    @Test
    void jobs_started_together_get_their_normalised_shares_of_cost_and_time() throws Exception {
        String plan = plan(job("codebase_context", 3, 0.5, 0.2), job("documentation_context", 2, 0.3, 0.3),
                job("codebase_changelog", 1, 0.2, 0.5));
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(plan, 3, 10), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?")
                    .withMaxCost(new java.math.BigDecimal("2.00")), CoordinatorListener.NONE);

            double costSum = r.jobs().stream().mapToDouble(j -> j.costLimitUsd().doubleValue()).sum();
            double timeSum = r.jobs().stream().mapToDouble(j -> j.timeLimit().toMillis()).sum();
            double[] cost = {0.5, 0.3, 0.2};
            double[] time = {0.2, 0.3, 0.5};
            for (int i = 0; i < 3; i++) {
                assertThat(r.jobs().get(i).costLimitUsd().doubleValue() / costSum).isCloseTo(cost[i], within(0.05));
                assertThat(r.jobs().get(i).timeLimit().toMillis() / timeSum).isCloseTo(time[i], within(0.05));
            }
            // the jobs share 85 % of what planning left; the rest is the synthesis'
            assertThat(costSum).isCloseTo(2.00 * 0.85, within(0.01));
        }
    }

    /** The most jobs running at one instant, from their start and end times. */
    static int maxOverlap(List<JobResult> jobs) {
        List<long[]> edges = new ArrayList<>();
        for (JobResult j : jobs) {
            edges.add(new long[]{nanos(j.startedAt()), 1});
            edges.add(new long[]{nanos(j.finishedAt()), -1});
        }
        // ends before starts at the same instant: touching jobs do not overlap
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
