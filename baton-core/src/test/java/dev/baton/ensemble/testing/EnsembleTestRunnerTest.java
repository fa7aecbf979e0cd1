package dev.baton.ensemble.testing;

import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.spec.EnsembleSpec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EnsembleTestRunnerTest {

    /** The shape of what the application wires in: per-agent reply texts, in order, by request metadata. */
    static AgentModels scripted(Map<String, List<String>> replies) {
        Map<String, AtomicInteger> next = new ConcurrentHashMap<>();
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                String agent = request.metadata().get("agent");
                List<String> texts = replies.getOrDefault(agent, List.of(""));
                int i = next.computeIfAbsent(agent, k -> new AtomicInteger()).getAndIncrement();
                return ChatResponse.ofText(texts.get(Math.min(i, texts.size() - 1)), Usage.of(1, 1), "scripted", "m");
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ModelInfo info() {
                return new ModelInfo("scripted", "m", 1000, 100, Set.of(), null);
            }
        };
        return new AgentModels() {
            public ChatModel forProfile(String profile) { return model; }
            public ChatModel forModel(String provider, String m) { return model; }
            public boolean hasProfile(String profile) { return true; }
            public boolean hasProvider(String provider) { return true; }
            public Optional<Duration> profileTimeout(String profile) { return Optional.empty(); }
        };
    }

    @Test
    void runs_each_case_with_its_scripted_replies_and_reports_failed_assertions() {
        EnsembleSpec spec = Specs.yaml("""
                name: triage
                agents:
                  - {name: classify, model_profile: fast}
                  - {name: escalate, model_profile: fast, depends_on: [classify], when: "${classify.urgent}"}
                  - {name: answer, model_profile: fast, depends_on: [classify]}
                tests:
                  - name: urgent ticket escalates
                    input: the server is down
                    replies:
                      classify: ['{"urgent": true, "labels": ["outage"]}']
                      escalate: [paging on-call]
                      answer: [We are on it.]
                    expect:
                      status: completed
                      agents: {classify: completed, escalate: completed, answer: completed}
                      outputs:
                        - {agent: classify, json_path: "$.labels[0]", equals: outage}
                        - {agent: escalate, contains: on-call}
                        - {agent: answer, matches: "on it\\\\.$"}
                      order: [classify, answer]
                      max_duration_ms: 10000
                  - name: wrong expectations are reported
                    input: a typo
                    replies:
                      classify: ['{"urgent": false}']
                    expect:
                      status: failed
                      agents: {escalate: completed}
                      outputs:
                        - {agent: classify, json_path: "$.labels[0]", equals: outage}
                      order: [escalate, classify]
                """);
        List<TestCaseResult> results = new EnsembleTestRunner(
                EngineOptions.builder(scripted(Map.of())).userScriptsDir(null).build(),
                EnsembleTestRunnerTest::scripted).run(spec);

        assertThat(results.get(0).passed()).as(String.valueOf(results.get(0).failures())).isTrue();
        TestCaseResult bad = results.get(1);
        assertThat(bad.passed()).isFalse();
        assertThat(bad.failures()).containsExactly(
                "run status: expected failed, got completed",
                "agent 'escalate': expected completed, got skipped",
                "output of 'classify' at $.labels[0]: not found",
                "order: 'escalate' never started");
        assertThat(bad.details()).extracting(AssertionFailure::kind).containsExactly(
                AssertionFailure.Kind.RUN_STATUS, AssertionFailure.Kind.AGENT_STATUS,
                AssertionFailure.Kind.JSON_PATH, AssertionFailure.Kind.ORDER);
        assertThat(bad.details().get(0)).extracting(AssertionFailure::expected, AssertionFailure::actual)
                .containsExactly("failed", "completed");
        assertThat(bad.details().get(2).actual()).isEqualTo("{\"urgent\": false}");
    }
}
