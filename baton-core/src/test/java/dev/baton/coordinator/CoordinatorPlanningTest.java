package dev.baton.coordinator;

import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner: schema-checked plans, one repair, duplicates refused, zero jobs answered directly, the date-time in its prompt. */
class CoordinatorPlanningTest {

    @TempDir
    Path tmp;

    private static String config(String... plannerReplies) {
        StringBuilder replies = new StringBuilder();
        for (String r : plannerReplies) replies.append("          - text: ").append(r).append('\n');
        return """
                providers:
                  plan:
                    kind: rec
                    options:
                      script:
                        replies:
                %s
                        fallback: {text: "SYNTHESIS"}
                  work:
                    kind: rec
                    options:
                      script:
                        fallback: {text: "tool finding"}
                profiles:
                  default: {provider: plan, model: planner}
                  tools: {provider: work, model: worker}
                coordinator:
                  tool_profile: tools
                  expert_profile: tools
                """.formatted(replies.toString().stripTrailing());
    }

    @Test
    void a_plan_naming_an_unknown_tool_is_repaired_once_with_the_errors_then_the_request_fails_with_validation() throws Exception {
        String bad = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("make_coffee", 1, 1, 1));
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(bad, bad), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?"), CoordinatorListener.NONE);

            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.FAILED);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.jobId()).isEqualTo("planner");
                assertThat(e.code()).isEqualTo("VALIDATION");
            });
            List<ChatRequest> calls = f.requests("plan");
            assertThat(calls).as("the plan and one repair, nothing more").hasSize(2);
            assertThat(calls.get(1).lastUserText()).contains("not valid").contains("/jobs/0/tool").contains("enumeration");
            assertThat(f.requests("work")).isEmpty();
            assertThat(r.jobs()).isEmpty();
        }
    }

    @Test
    void a_plan_repaired_on_the_second_answer_runs() throws Exception {
        String bad = "'{\"jobs\": [{\"tool\": \"codebase_context\"}]}'";
        String good = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("codebase_changelog", 1, 1, 1));
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(bad, good), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("What changed lately?"), CoordinatorListener.NONE);

            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.SUCCESS);
            assertThat(r.jobs()).extracting(JobResult::tool).containsExactly("codebase_changelog");
        }
    }

    @Test
    void a_plan_listing_the_same_job_twice_is_refused_not_deduplicated() throws Exception {
        String dup = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("codebase_context", 1, 0.5, 0.5),
                CoordinatorJobsTest.job("codebase_context", 2, 0.5, 0.5));
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(dup), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How does billing work?"), CoordinatorListener.NONE);

            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.FAILED);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("VALIDATION");
                assertThat(e.message()).contains("codebase_context").contains("twice");
            });
            assertThat(f.requests("work")).isEmpty();
        }
    }

    @Test
    void a_plan_without_jobs_is_the_planners_direct_answer() throws Exception {
        String direct = "'{\"jobs\": [], \"answer\": \"Two plus two is four.\"}'";
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(direct), List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("What is 2+2?"), CoordinatorListener.NONE);

            assertThat(r.status()).isEqualTo(CoordinatorResponse.Status.SUCCESS);
            assertThat(r.synthesis()).isEqualTo("Two plus two is four.");
            assertThat(r.jobs()).isEmpty();
            assertThat(f.requests("plan")).hasSize(1);
        }
    }

    @Test
    void the_planner_sees_the_request_the_current_date_time_and_every_tool_with_its_schema() throws Exception {
        String direct = "'{\"jobs\": [], \"answer\": \"ok\"}'";
        try (CoordinatorFixture f = CoordinatorFixture.of(tmp, config(direct), List.of())) {
            f.baton.coordinator().run(CoordinatorRequest.of("Where is retry handled?").withContext("we use Java 21")
                    .withRequestId("req-7"), CoordinatorListener.NONE);

            ChatRequest call = f.requests("plan").getFirst();
            String prompt = call.lastUserText();
            assertThat(prompt).contains("req-7").contains("Where is retry handled?").contains("we use Java 21")
                    .contains(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()))
                    .contains("codebase_context", "codebase_changelog", "documentation_context",
                            "documentation_changelog", "expert_architect_advice", "\"focus\"");
            assertThat(call.responseFormat().schemaJson()).contains("\"enum\":[\"codebase_context\"");
            assertThat(call.metadata()).containsEntry("session", "req-7").containsEntry("run_id", "req-7");
        }
    }
}
