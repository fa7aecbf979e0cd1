package dev.baton.server.gateway;

import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/messages}: the official {@code @anthropic-ai/sdk} client (plain, streamed, a tool call) and the error shape. */
class AnthropicClientInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static GatewayFixture gateway;
    static LoopbackServer claude;

    @BeforeAll
    static void start() throws Exception {
        claude = new LoopbackServer();
        gateway = GatewayFixture.start(dir.resolve("baton"), GatewayConfigs.scripted(
                "claude-up: {kind: anthropic, base_url: \"" + claude.baseUri() + "\", api_key: test-claude}\n",
                "claude: {provider: claude-up, model: claude-test}\n"), GatewayConfigs.ensembles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (claude != null) claude.close();
    }

    @Test
    void given_an_anthropic_upstream_then_fields_baton_does_not_model_reach_it_unchanged() throws Exception {
        claude.enqueue(LoopbackServer.Reply.json(200, "{\"id\":\"msg_up\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":\"Upstream says hi.\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}"));

        HttpResponse<String> res = gateway.post("/v1/messages", GatewayFixture.KEY,
                "{\"model\":\"claude\",\"max_tokens\":20,\"top_k\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).at("/content/0/text").asString()).isEqualTo("Upstream says hi.");
        JsonNode sent = JSON.readTree(claude.lastRequest().body());
        assertThat(sent.get("top_k").asInt()).isEqualTo(7);
        assertThat(sent.get("model").asString()).isEqualTo("claude-test");
    }

    private JsonNode run(String body) throws Exception {
        String script = """
                import Anthropic from '%s';
                const client = new Anthropic({ baseURL: process.env.BASE_URL, apiKey: process.env.KEY, maxRetries: 0 });
                const out = {};
                try {
                %s
                } catch (e) {
                  out.unexpected = String(e && e.stack || e);
                }
                console.log(JSON.stringify(out));
                """.formatted(NodeScripts.anthropicModule(), body);
        String stdout = NodeScripts.run(dir, script, Map.of("BASE_URL", gateway.url(), "KEY", GatewayFixture.KEY));
        JsonNode out = JSON.readTree(stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(out.has("unexpected")).as(stdout).isFalse();
        return out;
    }

    @Test
    void a_plain_message_and_a_streamed_one() throws Exception {
        JsonNode out = run("""
                const m = await client.messages.create({ model: 'fast', max_tokens: 100, system: 'Be brief.',
                  messages: [{ role: 'user', content: 'Hi' }] });
                out.plain = m;
                const stream = client.messages.stream({ model: 'quick', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
                out.deltas = [];
                stream.on('text', t => out.deltas.push(t));
                out.final = await stream.finalMessage();
                """);

        assertThat(out.at("/plain/type").asString()).isEqualTo("message");
        assertThat(out.at("/plain/role").asString()).isEqualTo("assistant");
        assertThat(out.at("/plain/content/0/type").asString()).isEqualTo("text");
        assertThat(out.at("/plain/content/0/text").asString()).isEqualTo("Hello from Baton.");
        assertThat(out.at("/plain/stop_reason").asString()).isEqualTo("end_turn");
        assertThat(out.at("/plain/usage/input_tokens").asInt()).isEqualTo(7);
        assertThat(out.at("/plain/usage/output_tokens").asInt()).isEqualTo(4);
        assertThat(out.get("deltas").size()).isGreaterThan(1);
        assertThat(out.at("/final/content/0/text").asString()).isEqualTo("Hello from Baton.");
        assertThat(out.at("/final/stop_reason").asString()).isEqualTo("end_turn");
        assertThat(out.at("/final/usage/output_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void a_tool_call_round_trip_streamed_and_not() throws Exception {
        JsonNode out = run("""
                const tools = [{ name: 'get_weather', description: 'Weather of a city',
                  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
                const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
                const first = await client.messages.create({ model: 'fast', max_tokens: 100, messages, tools });
                out.first = first;
                const streamed = await client.messages.stream({ model: 'fast', max_tokens: 100, messages, tools }).finalMessage();
                out.streamed = streamed;
                const use = first.content.find(b => b.type === 'tool_use');
                messages.push({ role: 'assistant', content: first.content });
                messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: use.input.city === 'Paris' ? 'sunny' : '?' }] });
                const second = await client.messages.create({ model: 'fast', max_tokens: 100, messages, tools });
                out.answer = second.content[0].text;
                """);

        assertThat(out.at("/first/stop_reason").asString()).isEqualTo("tool_use");
        assertThat(out.at("/first/content/0/type").asString()).isEqualTo("tool_use");
        assertThat(out.at("/first/content/0/name").asString()).isEqualTo("get_weather");
        assertThat(out.at("/first/content/0/input/city").asString()).isEqualTo("Paris");
        assertThat(out.at("/streamed/stop_reason").asString()).isEqualTo("tool_use");
        assertThat(out.at("/streamed/content/0/input/city").asString()).isEqualTo("Paris");
        assertThat(out.get("answer").asString()).isEqualTo("The weather is sunny.");
    }

    @Test
    void errors_come_in_anthropic_shape_and_a_stream_that_breaks_ends_with_an_error_event() throws Exception {
        HttpResponse<String> unknown = gateway.post("/v1/messages", GatewayFixture.KEY,
                "{\"model\":\"nope\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        HttpResponse<String> broken = gateway.post("/v1/messages", GatewayFixture.KEY,
                "{\"model\":\"fast\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"break\"}]}");
        HttpResponse<String> image = gateway.post("/v1/messages", GatewayFixture.KEY,
                "{\"model\":\"fast\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.at("/error/type").asString()).isEqualTo("not_found_error");
        assertThat(image.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(image.body()).at("/error/message").asString()).contains("messages[0].content[0]");
        SseEvents events = SseEvents.parse(broken.body());
        assertThat(events.names()).startsWith("message_start", "content_block_start", "content_block_delta");
        assertThat(events.names().getLast()).isEqualTo("error");
        assertThat(events.names()).doesNotContain("message_stop");
        assertThat(JSON.readTree(events.data().getLast()).at("/error/type").asString()).isEqualTo("api_error");
        assertThat(List.copyOf(events.names())).contains("content_block_delta");
    }
}
