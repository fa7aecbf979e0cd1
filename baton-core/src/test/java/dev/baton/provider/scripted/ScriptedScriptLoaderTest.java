package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedScriptLoaderTest {

    private final ScriptedScriptLoader loader = new ScriptedScriptLoader();

    static Path example() throws URISyntaxException {
        return Path.of(ScriptedScriptLoaderTest.class.getResource("/scripted/example.yaml").toURI());
    }

    private BatonException failure(String yaml) {
        try {
            loader.parse(yaml, "bad.yaml");
        } catch (BatonException e) {
            return e;
        }
        throw new AssertionError("expected a validation error for:\n" + yaml);
    }

    @Test
    void loads_the_documented_example() throws Exception {
        ScriptedScript script = loader.load(example());

        assertThat(script.matchOn()).isEqualTo(MatchOn.LAST_USER);
        assertThat(script.replies()).hasSize(5);
        assertThat(script.replies().get(0).latencyMs()).isEqualTo(20);
        assertThat(script.replies().get(1).toolCalls()).extracting(ScriptedToolCall::name)
                .containsExactly("get_weather", "get_weather");
        assertThat(script.replies().get(2).error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(script.replies().get(2).error().retryAfterMs()).isEqualTo(1500);
        assertThat(script.replies().get(3).answerText()).isEqualTo("{\"verdict\":\"approve\",\"issues\":[]}");
        assertThat(script.replies().get(4).error().reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
        assertThat(script.rules()).hasSize(3);
        assertThat(script.rules().get(1).matchOn()).isEqualTo(MatchOn.CONVERSATION);
        assertThat(script.rules().get(1).reply().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(script.fallback().text()).isEqualTo("I have no scripted answer for that.");
        assertThat(script.modelInfo().contextWindow()).isEqualTo(32000);
        assertThat(script.modelInfo().toPrices().outputPerMillion()).isEqualByComparingTo(new BigDecimal("1.5"));
    }

    @Test
    void a_model_built_from_the_example_file_follows_it() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.fromFile(example(), "demo");

        assertThat(model.chat(ChatRequest.of("hi")).text()).isEqualTo("Hello from the scripted model.");
        assertThat(model.chat(ChatRequest.of("hi")).toolCalls()).hasSize(2);
        assertThatThrownBy(() -> model.chat(ChatRequest.of("hi"))).isInstanceOf(BatonException.class);
        model.chat(ChatRequest.of("hi"));
        assertThatThrownBy(() -> model.chat(ChatRequest.of("hi"))).isInstanceOf(BatonException.class);
        assertThat(model.chat(ChatRequest.of("What's the WEATHER like?")).text()).isEqualTo("It is sunny.");
        assertThat(model.chat(ChatRequest.builder().system("You are a reviewer.").user("check").build()).text())
                .isEqualTo("LGTM");
        assertThat(model.chat(ChatRequest.of("anything else")).text()).isEqualTo("I have no scripted answer for that.");
        assertThat(model.info().contextWindow()).isEqualTo(32000);
    }

    @Test
    void unknown_key_names_file_line_and_field() {
        BatonException e = failure("""
                replies:
                  - text: hi
                  - txet: typo
                """);

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(e.getMessage()).contains("bad.yaml", "line 3, column 5", "replies[1].txet", "unknown field 'txet'", "text");
    }

    @Test
    void wrong_type_names_line_and_field() {
        BatonException e = failure("""
                rules:
                  - match: hello
                    reply:
                      text: hi
                      latency_ms: soon
                """);

        assertThat(e.getMessage()).contains("bad.yaml", "line 5", "rules[0].reply.latency_ms");
    }

    @Test
    void unknown_error_code_names_line_and_field() {
        BatonException e = failure("""
                replies:
                  - error: {code: TEAPOT}
                """);

        assertThat(e.getMessage()).contains("line 2", "replies[0].error.code", "TEAPOT");
    }

    @Test
    void invalid_regex_and_bad_reply_shapes_are_located_errors() {
        assertThat(failure("""
                rules:
                  - match: "([unclosed"
                    reply: {text: x}
                """).getMessage()).contains("line ", "rules[0]", "invalid regex");
        assertThat(failure("""
                replies:
                  - {text: a, json: {b: 1}}
                """).getMessage()).contains("line 2", "replies[0]", "json cannot be combined");
        assertThat(failure("""
                replies:
                  - latency_ms: 5
                """).getMessage()).contains("replies[0]", "a reply needs one of text, json, tool_calls or error");
        assertThat(failure("""
                replies:
                  - tool_calls: [{name: f, arguments: [1, 2]}]
                """).getMessage()).contains("replies[0].tool_calls[0]", "arguments must be an object");
    }

    @Test
    void malformed_yaml_names_the_line() {
        BatonException e = failure("""
                replies:
                  - text: "unterminated
                """);

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(e.getMessage()).contains("bad.yaml", "line ");
    }

    @Test
    void enum_values_are_case_insensitive() {
        ScriptedScript script = loader.parse("""
                match_on: Conversation
                replies:
                  - error: {code: rate_limited}
                """, "lenient.yaml");

        assertThat(script.matchOn()).isEqualTo(MatchOn.CONVERSATION);
        assertThat(script.replies().getFirst().error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void binds_a_tree_or_map_handed_over_by_the_config_loader() {
        Map<String, Object> map = Map.of("replies", List.of(Map.of("text", "from config")));

        assertThat(loader.fromMap(map, "profile fast").replies().getFirst().text()).isEqualTo("from config");
        assertThat(loader.fromNode(JsonMapper.builder().build().valueToTree(map), "profile fast").replies()).hasSize(1);
        assertThatThrownBy(() -> loader.fromMap(Map.of("replys", List.of()), "profile fast"))
                .isInstanceOf(BatonException.class)
                .hasMessageContaining("profile fast")
                .hasMessageContaining("replys");
    }

    @Test
    void empty_file_is_an_empty_script_and_missing_file_is_an_error(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

        assertThat(loader.load(empty).replies()).isEmpty();
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.yaml")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("absent.yaml");
    }
}
