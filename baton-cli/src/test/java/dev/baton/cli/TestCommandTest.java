package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    private static final String TRIAGE = """
            name: triage
            agents:
              - {name: classify, model_profile: fast}
              - {name: escalate, model_profile: fast, depends_on: [classify], when: "${classify.urgent}"}
              - {name: answer, model_profile: fast, depends_on: [classify]}
              - {name: tag, script: "printf 'tagged'"}
            tests:
              - name: urgent ticket escalates
                input: the server is down
                replies:
                  classify: ['{"urgent": true, "labels": ["outage"]}']
                  escalate: [paging on-call]
                  answer: ["We are on it.", "never used"]
                expect:
                  status: completed
                  agents: {escalate: completed, answer: completed, tag: completed}
                  outputs:
                    - {agent: classify, json_path: "$.labels[0]", equals: outage}
                  order: [classify, escalate]
            %s
            """;

    private static final String FAILING_CASE = """
              - name: calm ticket
                input: a typo
                replies:
                  classify: ['{"urgent": false}']
                  answer: ["Thanks,\\nwe will fix it\\nsoon."]
                expect:
                  status: completed
                  agents: {escalate: completed}
                  outputs:
                    - {agent: answer, equals: "Thanks,\\nwe fixed it\\nsoon."}
                    - {agent: tag, contains: urgent}
            """;

    @TempDir
    Path tmp;

    @Test
    void passing_cases_run_offline_on_scripted_replies_and_exit_0() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("triage", TRIAGE.formatted(""));

        var r = project.run("test", "triage");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASS  urgent ticket escalates").contains("1 test: 1 passed, 0 failed");
    }

    @Test
    void a_failing_case_exits_1_with_expected_against_actual() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("triage", TRIAGE.formatted(FAILING_CASE));

        var r = project.run("test", "triage");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("PASS  urgent ticket escalates").contains("FAIL  calm ticket")
                .contains("✗ agent 'escalate': expected completed, got skipped")
                .contains("- expected: completed").contains("+ actual:   skipped")
                .contains("✗ output of 'answer': expected 'Thanks,\\nwe fixed it\\nsoon.', got 'Thanks,\\nwe will fix it\\nsoon.'")
                .contains("--- expected").contains("+++ actual")
                .contains("  Thanks,").contains("- we fixed it").contains("+ we will fix it")
                .contains("- expected (contains): urgent").contains("+ actual:              tagged")
                .contains("2 tests: 1 passed, 1 failed");
    }

    @Test
    void json_report_carries_each_failure_with_expected_and_actual() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("triage", TRIAGE.formatted(FAILING_CASE));

        var r = project.run("test", "--all", "-o", "json");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("totals").path("failed").asInt()).isEqualTo(1);
        JsonNode failures = json.path("ensembles").get(0).path("tests").get(1).path("failures");
        assertThat(failures).extracting(f -> f.path("kind").asString()).containsExactly("agent_status", "equals", "contains");
        assertThat(failures.get(1).path("expected").asString()).isEqualTo("Thanks,\nwe fixed it\nsoon.");
        assertThat(failures.get(1).path("actual").asString()).isEqualTo("Thanks,\nwe will fix it\nsoon.");
    }

    @Test
    void an_invalid_ensemble_is_exit_2_and_one_without_tests_is_a_usage_error() {
        EnsembleProject project = new EnsembleProject(tmp)
                .ensemble("bad", "name: bad\nagents:\n  - {name: a, model_profile: fast, depends_on: [nope]}\ntests:\n  - {name: t}\n")
                .ensemble("untested", "name: untested\nagents:\n  - {name: a, model_profile: fast}\n");

        var bad = project.run("test", "bad");
        var untested = project.run("test", "untested");

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).contains("INVALID").contains("bad.yaml:3: agent 'a'").contains("nope");
        assertThat(untested.exit()).isEqualTo(2);
        assertThat(untested.err()).contains("no tests");
    }
}
