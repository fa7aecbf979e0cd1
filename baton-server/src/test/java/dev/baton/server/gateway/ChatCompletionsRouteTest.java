package dev.baton.server.gateway;

import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/chat/completions} and {@code GET /v1/models} over plain HTTP: the wire format, headers, errors, fallbacks. */
class ChatCompletionsRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK_B = """
            {"id":"chatcmpl-b","object":"chat.completion","created":1,"model":"b-model","choices":[{"index":0,
            "message":{"role":"assistant","content":"B answers."},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}""".replace("\n", "");

    @TempDir
    static Path dir;

    static LoopbackServer upstreamA;
    static LoopbackServer upstreamA2;
    static LoopbackServer upstreamB;
    static LoopbackServer compatible;
    static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        upstreamA = new LoopbackServer();
        upstreamA2 = new LoopbackServer();
        upstreamB = new LoopbackServer();
        compatible = new LoopbackServer();
        String providers = """
                up-a: {kind: openai, base_url: "%s/v1", api_key: test-a}
                up-a2: {kind: openai, base_url: "%s/v1", api_key: test-a2}
                up-b: {kind: openai, base_url: "%s/v1", api_key: test-b}
                compat: {kind: openai, base_url: "%s/v1", api_key: test-c}
                slow-canned: {kind: scripted, options: {script: {fallback: {text: "Slow answer.", latency_ms: 400}}}}
                """.formatted(upstreamA.baseUri(), upstreamA2.baseUri(), upstreamB.baseUri(), compatible.baseUri());
        String profiles = """
                primary: {provider: up-a, model: a-model, fallback: [backup]}
                primary-stream: {provider: up-a2, model: a-model, fallback: [backup]}
                backup: {provider: up-b, model: b-model}
                compatible: {provider: compat, model: c-model}
                slow: {provider: slow-canned, model: slow-1}
                mixed: {provider: compat, model: c-model, fallback: [fast]}
                rl: {provider: canned, model: canned-1}
                """;
        String budgets = """
                budgets:
                  - {scope: profile, key: rl, rpm: 1}
                """;
        gateway = GatewayFixture.start(dir, GatewayConfigs.scripted(providers, profiles) + budgets, GatewayConfigs.ensembles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        for (LoopbackServer s : new LoopbackServer[] {upstreamA, upstreamA2, upstreamB, compatible}) if (s != null) s.close();
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return gateway.post("/v1/chat/completions", key, body);
    }

    private static String user(String model, String text, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + more + "}";
    }

    @Test
    void given_a_profile_when_completing_then_the_answer_usage_and_baton_headers_come_back_in_openai_shape() throws Exception {
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("quick", "Hi", ""));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.get("id").asString()).startsWith("chatcmpl-");
        assertThat(body.get("model").asString()).isEqualTo("quick");
        assertThat(body.at("/choices/0/message/role").asString()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("Hello from Baton.");
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(4);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(11);
        assertThat(res.headers().firstValue("x-baton-model")).contains("fast");
        assertThat(res.headers().firstValue("x-baton-fallbacks")).contains("0");
        assertThat(Double.parseDouble(res.headers().firstValue("x-baton-overhead-ms").orElseThrow())).isNotNegative();
    }

    @Test
    void given_include_usage_when_streaming_then_text_arrives_in_chunks_and_usage_in_a_last_chunk_without_choices() throws Exception {
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("fast", "Hi", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(res.headers().firstValue("x-baton-model")).contains("fast");
        List<String> data = SseEvents.parse(res.body()).data();
        assertThat(data.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 2)) {
            JsonNode chunk = JSON.readTree(d);
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            text.append(chunk.at("/choices/0/delta/content").asString(""));
        }
        assertThat(text.toString()).isEqualTo("Hello from Baton.");
        assertThat(data.size()).as("role, several text chunks, finish, usage, DONE").isGreaterThan(5);
        JsonNode finish = JSON.readTree(data.get(data.size() - 3));
        assertThat(finish.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        JsonNode usage = JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.get("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void given_tools_when_the_model_calls_one_and_gets_its_result_then_the_round_trip_ends_in_an_answer() throws Exception {
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        HttpResponse<String> first = chat(GatewayFixture.KEY, user("fast", "What is the weather in Paris?", tools));

        JsonNode call = JSON.readTree(first.body());
        assertThat(call.at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(call.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(call.at("/choices/0/message/tool_calls/0/id").asString()).isEqualTo("call_w1");
        assertThat(call.at("/choices/0/message/tool_calls/0/function/name").asString()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.at("/choices/0/message/tool_calls/0/function/arguments").asString()).get("city").asString())
                .isEqualTo("Paris");

        String second = "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":" + call.at("/choices/0/message/tool_calls") + "},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_w1\",\"content\":\"sunny\"}]" + tools + "}";
        HttpResponse<String> answer = chat(GatewayFixture.KEY, second);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).at("/choices/0/message/content").asString()).isEqualTo("The weather is sunny.");
    }

    @Test
    void given_a_json_schema_response_format_then_the_pipeline_validates_the_answer_against_it() throws Exception {
        String fits = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"schema\":"
                + "{\"type\":\"object\",\"required\":[\"answer\"],\"properties\":{\"answer\":{\"type\":\"integer\"}}}}}";
        String misses = ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"v\",\"schema\":"
                + "{\"type\":\"object\",\"required\":[\"verdict\"],\"properties\":{\"verdict\":{\"type\":\"string\"}}}}}";

        HttpResponse<String> ok = chat(GatewayFixture.KEY, user("fast", "json please", fits));
        HttpResponse<String> invalid = chat(GatewayFixture.KEY, user("fast", "json please", misses));

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(JSON.readTree(ok.body()).at("/choices/0/message/content").asString()).get("answer").asInt()).isEqualTo(42);
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).at("/error/code").asString()).isEqualTo("validation");
    }

    @Test
    void given_bad_requests_then_errors_come_in_openai_shape_with_the_taxonomy_status() throws Exception {
        HttpResponse<String> unknown = chat(GatewayFixture.KEY, user("no-such-model", "Hi", ""));
        HttpResponse<String> denied = chat(GatewayFixture.LIMITED_KEY, user("fast", "Hi", ""));
        HttpResponse<String> badField = chat(GatewayFixture.KEY, user("fast", "Hi", ",\"temperature\":\"hot\""));
        HttpResponse<String> notJson = chat(GatewayFixture.KEY, "{not json");
        HttpResponse<String> allowed = chat(GatewayFixture.LIMITED_KEY, user("other", "Hi", ""));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/type").asString()).isEqualTo("not_found_error");
        assertThat(JSON.readTree(unknown.body()).at("/error/message").asString()).contains("no-such-model");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).at("/error/code").asString()).isEqualTo("permission_denied");
        assertThat(badField.statusCode()).isEqualTo(400);
        JsonNode bad = JSON.readTree(badField.body()).get("error");
        assertThat(bad.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(bad.get("param").asString()).isEqualTo("temperature");
        assertThat(bad.get("message").asString()).contains("temperature");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).at("/error/param").asString()).isEqualTo("body");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void given_a_slow_upstream_then_the_overhead_header_leaves_out_the_upstreams_own_time() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("slow", "Hi", ""));
        double totalMs = (System.nanoTime() - start) / 1e6;

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        double overhead = Double.parseDouble(res.headers().firstValue("x-baton-overhead-ms").orElseThrow());
        assertThat(totalMs).isGreaterThanOrEqualTo(400);
        assertThat(overhead).as("the 400 ms the upstream took are not Baton's").isBetween(0.0, 300.0);
    }

    @Test
    void given_a_rate_limit_then_the_answer_is_429_with_retry_after_in_openai_shape() throws Exception {
        HttpResponse<String> first = chat(GatewayFixture.KEY, user("rl", "Hi", ""));
        HttpResponse<String> second = chat(GatewayFixture.KEY, user("rl", "Hi", ""));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        JsonNode error = JSON.readTree(second.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void given_a_model_of_an_unconfigured_provider_then_it_is_not_found() throws Exception {
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("nope/some-model", "Hi", ""));

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(res.body()).at("/error/message").asString()).contains("nope");
    }

    @Test
    void given_a_client_that_leaves_mid_stream_then_the_upstream_call_is_cancelled() throws Exception {
        compatible.enqueue(Reply.stream("text/event-stream", List.of(
                "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick \"}}]}\n\n"))
                .untilClientLeaves());
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + GatewayFixture.KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(user("compatible", "Hi", ",\"stream\":true"))).build();
        HttpResponse<java.io.InputStream> res = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = res.body()) {
            assertThat(new String(body.readNBytes(200), java.nio.charset.StandardCharsets.UTF_8)).contains("data: ");
        }

        assertThat(compatible.awaitClientLeft(java.time.Duration.ofSeconds(15))).as("the gateway dropped the upstream").isTrue();
    }

    @Test
    void given_a_stream_that_breaks_after_its_first_chunk_then_it_ends_with_an_openai_error_event() throws Exception {
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("fast", "break please", ",\"stream\":true"));

        assertThat(res.statusCode()).isEqualTo(200);
        List<String> data = SseEvents.parse(res.body()).data();
        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = JSON.readTree(data.getLast()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("provider_error");
        assertThat(error.get("message").asString()).contains("connection reset");
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) text.append(JSON.readTree(d).at("/choices/0/delta/content").asString(""));
        assertThat(text.toString().strip()).as("the two chunks before the break were delivered").isEqualTo("one two");
    }

    @Test
    void given_an_upstream_connection_that_dies_after_the_first_chunk_then_the_stream_ends_with_an_error_event() throws Exception {
        compatible.enqueue(Reply.stream("text/event-stream", List.of(
                "data: {\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half \"}}]}\n\n",
                "data: {\"id\":\"c3\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"an ans")));

        HttpResponse<String> res = chat(GatewayFixture.KEY, user("compatible", "Hi", ",\"stream\":true"));

        assertThat(res.statusCode()).isEqualTo(200);
        List<String> data = SseEvents.parse(res.body()).data();
        assertThat(data).doesNotContain("[DONE]");
        assertThat(JSON.readTree(data.get(1)).at("/choices/0/delta/content").asString()).isEqualTo("half ");
        assertThat(JSON.readTree(data.getLast()).has("error")).as(res.body()).isTrue();
    }

    @Test
    void given_upstream_a_answers_429_then_503_then_the_client_gets_bs_answer_and_the_headers_name_b() throws Exception {
        upstreamA.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}"));
        upstreamA.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        upstreamB.enqueue(Reply.json(200, OK_B));

        HttpResponse<String> res = chat(GatewayFixture.KEY, user("primary", "Hi", ""));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).at("/choices/0/message/content").asString()).isEqualTo("B answers.");
        assertThat(res.headers().firstValue("x-baton-model")).contains("backup");
        assertThat(res.headers().firstValue("x-baton-fallbacks")).contains("1");
        assertThat(upstreamA.requests()).hasSize(2);
    }

    @Test
    void given_a_stream_whose_upstream_dies_before_the_first_byte_then_it_falls_back_before_anything_is_sent() throws Exception {
        upstreamA2.enqueue(new Reply(200, java.util.Map.of("Content-Type", "text/event-stream"), List.of(""),
                java.time.Duration.ZERO, java.time.Duration.ZERO, false));
        upstreamA2.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        upstreamB.enqueue(Reply.stream("text/event-stream", List.of(
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"B \"}}]}\n\n",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"streams.\"},\"finish_reason\":\"stop\"}]}\n\n",
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n",
                "data: [DONE]\n\n")));

        HttpResponse<String> res = chat(GatewayFixture.KEY, user("primary-stream", "Hi", ",\"stream\":true"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-baton-model")).contains("backup");
        assertThat(res.headers().firstValue("x-baton-fallbacks")).contains("1");
        StringBuilder text = new StringBuilder();
        for (String d : SseEvents.parse(res.body()).data()) {
            if (!d.equals("[DONE]")) text.append(JSON.readTree(d).at("/choices/0/delta/content").asString(""));
        }
        assertThat(text.toString()).isEqualTo("B streams.");
        assertThat(res.body()).doesNotContain("\"error\"");
    }

    @Test
    void given_fields_baton_does_not_model_then_they_reach_an_openai_compatible_upstream_unchanged() throws Exception {
        compatible.enqueue(Reply.json(200, OK_B));

        HttpResponse<String> res = chat(GatewayFixture.KEY, user("compatible", "Hi",
                ",\"user\":\"u-42\",\"logit_bias\":{\"50256\":-100},\"max_completion_tokens\":33,\"seed\":7,\"stop\":\"END\""));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode sent = JSON.readTree(compatible.lastRequest().body());
        assertThat(sent.get("user").asString()).isEqualTo("u-42");
        assertThat(sent.at("/logit_bias/50256").asInt()).isEqualTo(-100);
        assertThat(sent.get("seed").asInt()).isEqualTo(7);
        assertThat(sent.get("model").asString()).isEqualTo("c-model");
        assertThat(sent.toString()).contains("33").contains("END");
    }

    @Test
    void given_a_chain_that_may_fall_back_to_another_kind_of_provider_then_unmodelled_fields_are_not_sent() throws Exception {
        compatible.enqueue(Reply.json(200, OK_B));

        HttpResponse<String> res = chat(GatewayFixture.KEY, user("mixed", "Hi", ",\"user\":\"u-42\""));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(compatible.lastRequest().body()).has("user")).isFalse();
    }

    @Test
    void models_lists_profiles_aliases_and_ensembles_as_far_as_the_key_may_use_them() throws Exception {
        HttpResponse<String> all = gateway.get("/v1/models", GatewayFixture.KEY);
        HttpResponse<String> limited = gateway.get("/v1/models", GatewayFixture.LIMITED_KEY);

        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(all.body());
        assertThat(list.get("object").asString()).isEqualTo("list");
        List<String> ids = list.get("data").valueStream().map(m -> m.get("id").asString()).toList();
        assertThat(ids).contains("fast", "quick", "ens", "ensemble:summary", "default");
        assertThat(list.at("/data/0/object").asString()).isEqualTo("model");
        List<String> limitedIds = JSON.readTree(limited.body()).get("data").valueStream().map(m -> m.get("id").asString()).toList();
        assertThat(limitedIds).containsExactly("other");
    }

    @Test
    void given_an_ensemble_as_the_model_then_its_deliverable_is_the_answer_with_usage_summed_over_its_calls() throws Exception {
        HttpResponse<String> res = chat(GatewayFixture.KEY, user("ensemble:summary", "Summarise this", ""));
        HttpResponse<String> streamed = chat(GatewayFixture.KEY, user("ensemble:summary", "Summarise this",
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        HttpResponse<String> missing = chat(GatewayFixture.KEY, user("ensemble:nope", "Hi", ""));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo("Ensemble deliverable.");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(22);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(res.headers().firstValue("x-baton-model")).contains("ensemble:summary");
        List<String> data = SseEvents.parse(streamed.body()).data();
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(JSON.readTree(data.get(data.size() - 2)).at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
