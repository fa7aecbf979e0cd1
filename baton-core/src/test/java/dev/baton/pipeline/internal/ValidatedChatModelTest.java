package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;

class ValidatedChatModelTest {

    private static final String SCHEMA = """
            {"type":"object","properties":{"n":{"type":"integer","minimum":1}},"required":["n"],"additionalProperties":false}""";
    private static final ChatRequest REQUEST = ChatRequest.builder().user("a number")
            .responseFormat(ResponseFormat.jsonSchema("n", SCHEMA)).build();

    private static ScriptedChatModel scripted(String... replies) {
        ScriptedScript.Builder b = ScriptedScript.builder();
        for (String r : replies) b.replyText(r);
        return ScriptedChatModel.fromScript(b.build(), "m");
    }

    @Test
    void valid_output_passes_through_with_one_call() {
        ScriptedChatModel model = scripted("{\"n\": 3}");

        ChatResponse r = new ValidatedChatModel(model, new JsonOutputValidator()).chat(REQUEST);

        assertThat(r.text()).isEqualTo("{\"n\": 3}");
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void invalid_output_is_repaired_once_with_the_errors_fed_back() {
        ScriptedChatModel model = scripted("{\"n\": 0, \"extra\": true}", "```json\n{\"n\": 2}\n```");

        ChatResponse r = new ValidatedChatModel(model, new JsonOutputValidator()).chat(REQUEST);

        assertThat(r.text()).contains("\"n\": 2");
        assertThat(model.callCount()).isEqualTo(2);
        var repair = model.requests().get(1).messages();
        assertThat(repair.get(repair.size() - 2).role()).isEqualTo(Role.ASSISTANT);
        assertThat(repair.get(repair.size() - 1).text()).contains("minimum").contains("extra");
    }

    @Test
    void output_invalid_twice_fails_with_validation_naming_the_errors() {
        ScriptedChatModel model = scripted("not json at all", "{\"n\": \"three\"}");

        BatonException e = catchThrowableOfType(BatonException.class,
                () -> new ValidatedChatModel(model, new JsonOutputValidator()).chat(REQUEST));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(e.getMessage()).contains("integer");
    }

    @Test
    void text_requests_are_not_touched_and_streams_with_a_schema_are_validated() {
        ScriptedChatModel model = scripted("plain", "{\"n\": 0}", "{\"n\": 5}");
        ValidatedChatModel v = new ValidatedChatModel(model, new JsonOutputValidator());

        assertThat(v.chat(ChatRequest.of("hi")).text()).isEqualTo("plain");
        assertThat(v.stream(REQUEST).drain().text()).isEqualTo("{\"n\": 5}");
    }

    @Test
    void in_the_pipeline_invalid_output_falls_back_to_the_next_profile() {
        ScriptedChatModel bad = scripted("{}", "{}");
        ScriptedChatModel good = scripted("{\"n\": 7}");
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", bad).fallbacks("b").retry(RetryPolicy.NONE).build())
                .profile(PipelineProfile.builder("b", good).retry(RetryPolicy.NONE).build())
                .build()) {

            ChatResponse r = p.forProfile("a").chat(REQUEST);

            assertThat(r.text()).isEqualTo("{\"n\": 7}");
            assertThat(r.fallbacks()).extracting(f -> f.code()).containsExactly(ErrorCode.VALIDATION);
        }
    }

    @Test
    void in_the_pipeline_fenced_json_is_accepted_with_one_call_and_unfenced() {
        ScriptedChatModel model = scripted("```json\n{\"n\": 2}\n```");
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", model).retry(RetryPolicy.NONE).build()).build()) {

            ChatResponse r = p.forProfile("a").chat(REQUEST);

            assertThat(r.text()).isEqualTo("{\"n\": 2}");
            assertThat(r.fallbacks()).isEmpty();
            assertThat(model.callCount()).isEqualTo(1);
        }
    }

    @Test
    void in_the_pipeline_a_json_syntax_error_is_repaired_with_the_error_fed_back() {
        ScriptedChatModel model = scripted("```json\n{\"n\": 2\n```", "```json\n{\"n\": 2}\n```");
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", model).retry(RetryPolicy.NONE).build()).build()) {

            ChatResponse r = p.forProfile("a").chat(ChatRequest.builder().user("a number")
                    .responseFormat(ResponseFormat.JSON).build());

            assertThat(r.text()).isEqualTo("{\"n\": 2}");
            assertThat(model.callCount()).isEqualTo(2);
            var repair = model.requests().get(1).messages();
            assertThat(repair.get(repair.size() - 2).text()).isEqualTo("```json\n{\"n\": 2\n```");
            assertThat(repair.getLast().text()).contains("not valid JSON");
        }
    }
}
