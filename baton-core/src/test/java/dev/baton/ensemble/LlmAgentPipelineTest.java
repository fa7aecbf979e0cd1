package dev.baton.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.error.ErrorCode;
import dev.baton.llm.ResponseFormat;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedScript;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

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
}
