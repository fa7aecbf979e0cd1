package dev.baton.ensemble.agent;

import dev.baton.ensemble.PipelineModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.error.ErrorCode;
import dev.baton.llm.ResponseFormat;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedScript;
import dev.baton.testkit.CapturingLedger;
import dev.baton.testkit.FakeChatModel;
import dev.baton.usage.UsageRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LLM agents hand output validation, retries, fallback and deadlines to the real model pipeline
 * (scripted provider underneath): each concern is done once, by the pipeline's layer.
 */
class LlmAgentPipelineTest {

    private static ScriptedChatModel scripted(String name, String... replies) {
        ScriptedScript.Builder b = ScriptedScript.builder();
        for (String r : replies) b.replyText(r);
        return ScriptedChatModel.fromScript(b.build(), name);
    }

    private static RunResult run(String yaml, Consumer<Pipeline.Builder> profiles) {
        Pipeline.Builder b = Pipeline.builder();
        profiles.accept(b);
        try (Pipeline pipeline = b.build()) {
            EnsembleEngine engine = new EnsembleEngine(EngineOptions.builder(new PipelineModels(pipeline)).build());
            return engine.run(Specs.yaml(yaml), "x");
        }
    }

    private static AgentResult agent(RunResult r, String name) {
        return r.agent(name).orElseThrow();
    }

    private static final String SCHEMA_AGENT = """
            name: s
            agents:
              - name: a
                model_profile: main
                output_schema: {type: object, required: [n], properties: {n: {type: integer}}}
            """;

    @Test
    void fenced_json_with_a_syntax_error_is_repaired_inside_the_pipeline() {
        ScriptedChatModel model = scripted("m", "```json\n{\"n\": 2\n```", "```json\n{\"n\": 2}\n```");

        RunResult r = run(SCHEMA_AGENT, b -> b.profile(PipelineProfile.builder("main", model)
                .retry(RetryPolicy.NONE).build()));

        AgentResult a = agent(r, "a");
        assertThat(a.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(a.output()).isEqualTo("{\"n\": 2}");
        assertThat(a.outputJson().get("n").asInt()).isEqualTo(2);
        assertThat(model.callCount()).as("first answer, then one repair").isEqualTo(2);
        assertThat(model.requests().get(1).messages().getLast().text()).contains("not valid");
        assertThat(model.requests().get(0).responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    }

    @Test
    void output_not_matching_the_schema_after_the_repair_fails_the_agent_with_validation() {
        ScriptedChatModel model = scripted("m", "{\"n\": \"high\"}", "{\"n\": \"still high\"}");

        RunResult r = run(SCHEMA_AGENT, b -> b.profile(PipelineProfile.builder("main", model)
                .retry(RetryPolicy.NONE).build()));

        AgentResult a = agent(r, "a");
        assertThat(a.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(a.error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(a.error().message()).contains("does not match the required JSON schema").contains("integer");
        assertThat(model.callCount()).isEqualTo(2);
    }

    @Test
    void output_format_json_requires_json_and_sends_json_mode() {
        ScriptedChatModel model = scripted("m", "not json at all", "still not json");

        RunResult r = run("name: s\nagents:\n  - {name: a, model_profile: main, output_format: json}\n",
                b -> b.profile(PipelineProfile.builder("main", model).retry(RetryPolicy.NONE).build()));

        assertThat(agent(r, "a").error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(agent(r, "a").error().message()).contains("is not valid JSON");
        assertThat(model.requests()).extracting(q -> q.responseFormat()).allMatch(ResponseFormat.JSON::equals);
        assertThat(List.of(model.callCount())).containsExactly(2);
    }

    /** Three attempts per profile with no delay between them. */
    private static final RetryPolicy THREE_QUICK = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ofSeconds(60));

    private static ScriptedChatModel alwaysRateLimited() {
        return ScriptedChatModel.fromScript(ScriptedScript.builder()
                .fallback(ScriptedReply.error(ErrorCode.RATE_LIMITED, "busy")).build(), "m");
    }

    @ParameterizedTest(name = "retries: {0} -> {1} calls")
    @CsvSource({"'', 3", "1, 2", "2, 3", "3, 4"})
    void agent_retries_set_the_pipelines_attempts_per_profile_and_are_not_multiplied(String retries, int calls) {
        ScriptedChatModel model = alwaysRateLimited();
        String key = retries.isEmpty() ? "" : ", retries: " + retries;

        RunResult r = run("name: r\nagents:\n  - {name: a, model_profile: main" + key + "}\n",
                b -> b.profile(PipelineProfile.builder("main", model).retry(THREE_QUICK).build()));

        assertThat(agent(r, "a").error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(model.callCount()).as("retries + 1 (else the profile's 3), never their product").isEqualTo(calls);
        assertThat(agent(r, "a").attempts()).isEqualTo(1);
    }

    @Test
    void fallback_model_profile_extends_the_pipelines_fallback_chain_and_is_reported() {
        ScriptedChatModel main = alwaysRateLimited();
        ScriptedChatModel backup = scripted("b", "from backup");
        CapturingLedger ledger = new CapturingLedger();

        RunResult r = run("name: f\nagents:\n  - {name: a, model_profile: main, fallback_model_profile: backup}\n",
                b -> b.ledger(ledger)
                        .profile(PipelineProfile.builder("main", main).retry(RetryPolicy.NONE).build())
                        .profile(PipelineProfile.builder("backup", backup).retry(RetryPolicy.NONE).build()));

        AgentResult a = agent(r, "a");
        assertThat(a.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(a.output()).isEqualTo("from backup");
        assertThat(a.profile()).isEqualTo("backup");
        assertThat(a.fallbacks()).singleElement().satisfies(f -> {
            assertThat(f.profile()).isEqualTo("main");
            assertThat(f.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        });
        assertThat(main.callCount()).isEqualTo(1);
        assertThat(backup.callCount()).isEqualTo(1);
        assertThat(ledger.records()).as("one call through the pipeline's fallback, not two calls")
                .singleElement().satisfies(u -> {
                    assertThat(u.profile()).isEqualTo("backup");
                    assertThat(u.outcome()).isEqualTo("ok");
                    assertThat(u.fallbacks()).extracting(f -> f.profile()).containsExactly("main");
                });
    }

    @Test
    void agent_timeout_is_the_pipeline_deadline_which_cuts_the_call() {
        FakeChatModel slow = FakeChatModel.named("fake", "slow")
                .otherwise(FakeChatModel.Step.reply("too late").after(Duration.ofSeconds(30)));
        CapturingLedger ledger = new CapturingLedger();

        long t0 = System.nanoTime();
        RunResult r = run("name: t\nagents:\n  - {name: a, model_profile: main, timeout_seconds: 0.3}\n",
                b -> b.ledger(ledger).profile(PipelineProfile.builder("main", slow).retry(RetryPolicy.NONE).build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        AgentResult a = agent(r, "a");
        assertThat(a.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(a.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(a.error().message()).as("DeadlineChatModel's error").contains("reached");
        assertThat(ledger.records()).extracting(UsageRecord::outcome).containsExactly("TIMEOUT");
        assertThat(ms).as("cut at the deadline, not after the 30 s reply").isLessThan(15_000);
    }

    @Test
    void agent_timeout_longer_than_the_profiles_replaces_it() {
        FakeChatModel model = FakeChatModel.named("fake", "m")
                .otherwise(FakeChatModel.Step.reply("in time").after(Duration.ofMillis(800)));

        RunResult r = run("name: t\nagents:\n  - {name: a, model_profile: main, timeout_seconds: 20}\n",
                b -> b.profile(PipelineProfile.builder("main", model).timeout(Duration.ofMillis(100))
                        .retry(RetryPolicy.NONE).build()));

        assertThat(agent(r, "a").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "a").output()).isEqualTo("in time");
    }
}
