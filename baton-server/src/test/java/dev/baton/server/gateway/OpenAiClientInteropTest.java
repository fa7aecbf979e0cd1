package dev.baton.server.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} npm client against a real server with the gateway: completions,
 * streams with usage, a tool round trip, an ensemble as the model, a missing key and a spent budget.
 */
class OpenAiClientInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        NodeScripts.node();
        NodeScripts.openaiModule();
        String config = GatewayConfigs.scripted("", """
                metered: {provider: canned, model: canned-1, max_tokens: 10, prices: {input: 1000, output: 1000}}
                """);
        gateway = GatewayFixture.start(dir.resolve("baton"), config, GatewayConfigs.ensembles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
    }

    private JsonNode run(String body) throws Exception {
        return run(body, Map.of());
    }

    private JsonNode run(String body, Map<String, String> env) throws Exception {
        String script = """
                import OpenAI from '%s';
                const client = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: process.env.KEY, maxRetries: 0 });
                const out = {};
                try {
                %s
                } catch (e) {
                  out.unexpected = String(e && e.stack || e);
                }
                console.log(JSON.stringify(out));
                """.formatted(NodeScripts.openaiModule(), body);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("BASE_URL", gateway.url() + "/v1");
        all.put("KEY", GatewayFixture.KEY);
        String stdout = NodeScripts.run(dir, script, all);
        JsonNode out = JSON.readTree(stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(out.has("unexpected")).as(stdout).isFalse();
        return out;
    }

    @Test
    void a_completion_and_a_stream_with_usage_in_its_last_chunk() throws Exception {
        JsonNode out = run("""
                const c = await client.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'Hi' }] });
                out.text = c.choices[0].message.content;
                out.usage = c.usage;
                const raw = await client.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
                out.model = raw.response.headers.get('x-baton-model');
                const stream = await client.chat.completions.create({ model: 'quick', messages: [{ role: 'user', content: 'Hi' }],
                  stream: true, stream_options: { include_usage: true } });
                out.chunks = [];
                for await (const chunk of stream) out.chunks.push(chunk);
                """);

        assertThat(out.get("text").asString()).isEqualTo("Hello from Baton.");
        assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(11);
        assertThat(out.get("model").asString()).isEqualTo("fast");
        JsonNode chunks = out.get("chunks");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asString("")));
        assertThat(text.toString()).isEqualTo("Hello from Baton.");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("choices").isEmpty()).isTrue();
        assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void a_tool_call_round_trip() throws Exception {
        JsonNode out = run("""
                const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city',
                  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
                const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
                const first = await client.chat.completions.create({ model: 'fast', messages, tools });
                const streamed = await client.chat.completions.stream({ model: 'fast', messages, tools }).finalChatCompletion();
                out.streamedCall = streamed.choices[0].message.tool_calls[0];
                out.streamedFinish = streamed.choices[0].finish_reason;
                const msg = first.choices[0].message;
                out.finish = first.choices[0].finish_reason;
                out.call = msg.tool_calls[0];
                messages.push(msg);
                const args = JSON.parse(msg.tool_calls[0].function.arguments);
                messages.push({ role: 'tool', tool_call_id: msg.tool_calls[0].id, content: args.city === 'Paris' ? 'sunny' : '?' });
                const second = await client.chat.completions.create({ model: 'fast', messages, tools });
                out.answer = second.choices[0].message.content;
                """);

        assertThat(out.get("finish").asString()).isEqualTo("tool_calls");
        assertThat(out.at("/call/function/name").asString()).isEqualTo("get_weather");
        assertThat(out.get("answer").asString()).isEqualTo("The weather is sunny.");
        assertThat(out.get("streamedFinish").asString()).isEqualTo("tool_calls");
        assertThat(out.at("/streamedCall/id").asString()).isEqualTo("call_w1");
        assertThat(out.at("/streamedCall/function/name").asString()).isEqualTo("get_weather");
        assertThat(JSON.readTree(out.at("/streamedCall/function/arguments").asString()).get("city").asString()).isEqualTo("Paris");
    }

    @Test
    void an_ensemble_as_the_model_streamed_and_not() throws Exception {
        JsonNode out = run("""
                const c = await client.chat.completions.create({ model: 'ensemble:summary', messages: [{ role: 'user', content: 'Summarise' }] });
                out.text = c.choices[0].message.content;
                out.usage = c.usage;
                const stream = await client.chat.completions.create({ model: 'ensemble:summary',
                  messages: [{ role: 'user', content: 'Summarise' }], stream: true, stream_options: { include_usage: true } });
                out.streamed = '';
                for await (const chunk of stream) {
                  if (chunk.choices.length) out.streamed += chunk.choices[0].delta.content ?? '';
                  if (chunk.usage) out.streamUsage = chunk.usage;
                }
                """);

        assertThat(out.get("text").asString()).isEqualTo("Ensemble deliverable.");
        assertThat(out.at("/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(out.get("streamed").asString()).isEqualTo("Ensemble deliverable.");
        assertThat(out.at("/streamUsage/prompt_tokens").asInt()).isEqualTo(22);
    }

    @Test
    void no_key_is_a_401_and_a_spent_budget_an_api_error_with_the_taxonomy_status() throws Exception {
        // a key of the key store with its own budget (baton keys create --name budgeted --budget-usd 0.05)
        var budgeted = gateway.baton.apiKeys().create(new dev.baton.keys.KeySpec("budgeted", new java.math.BigDecimal("0.05"),
                null, null, null, java.util.List.of()));
        JsonNode out = run("""
                const spender = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: process.env.BUDGET_KEY, maxRetries: 0 });
                const anonymous = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: 'not-a-baton-key', maxRetries: 0 });
                try { await anonymous.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'Hi' }] }); }
                catch (e) { out.noKey = { status: e.status, isAuth: e instanceof OpenAI.AuthenticationError }; }
                out.ok = 0;
                for (let i = 0; i < 30 && !out.budget; i++) {
                  try { await spender.chat.completions.create({ model: 'metered', messages: [{ role: 'user', content: 'Hi' }] }); out.ok++; }
                  catch (e) { out.budget = { status: e.status, isApiError: e instanceof OpenAI.APIError, code: e.code, type: e.type, message: e.message }; }
                }
                """, Map.of("BUDGET_KEY", budgeted.secret().reveal()));

        assertThat(out.at("/noKey/status").asInt()).isEqualTo(401);
        assertThat(out.at("/noKey/isAuth").asBoolean()).isTrue();
        assertThat(out.get("ok").asInt()).isPositive();
        assertThat(out.at("/budget/status").asInt()).as(out.toString()).isEqualTo(402);
        assertThat(out.at("/budget/isApiError").asBoolean()).isTrue();
        assertThat(out.at("/budget/code").asString()).isEqualTo("budget_exceeded");
        assertThat(out.at("/budget/type").asString()).isEqualTo("insufficient_quota");
    }
}
