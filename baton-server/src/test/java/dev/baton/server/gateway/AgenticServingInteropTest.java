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
 * Agentic serving on the gateway, driven by the official {@code openai} npm client offline: each
 * turn to model {@code agentic} runs the serving ensemble on the conversation; a build turn ends in
 * a {@code write} tool call, a question in prose, streamed or not.
 */
class AgenticServingInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        NodeScripts.node();
        NodeScripts.openaiModule();
        AgenticServingFixture.writeScripts(dir.resolve("baton/project"));
        gateway = GatewayFixture.start(dir.resolve("baton"), AgenticServingFixture.config(), AgenticServingFixture.ensembles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
    }

    private JsonNode run(String body) throws Exception {
        String script = """
                import OpenAI from '%s';
                const client = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: process.env.KEY, maxRetries: 0 });
                const tools = [{ type: 'function', function: { name: 'write', description: 'Write a file',
                  parameters: { type: 'object', properties: { filePath: { type: 'string' }, content: { type: 'string' } },
                                required: ['filePath', 'content'] } } }];
                const out = {};
                try {
                %s
                } catch (e) {
                  out.unexpected = String(e && e.stack || e);
                }
                console.log(JSON.stringify(out));
                """.formatted(NodeScripts.openaiModule(), body);
        String stdout = NodeScripts.run(dir, script, Map.of("BASE_URL", gateway.url() + "/v1", "KEY", GatewayFixture.KEY));
        JsonNode out = JSON.readTree(stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(out.has("unexpected")).as(stdout).isFalse();
        return out;
    }

    @Test
    void a_build_turn_ends_in_a_write_tool_call_and_the_next_question_in_prose() throws Exception {
        JsonNode out = run("""
                const messages = [{ role: 'user', content: 'Write a prime checker in primes.py' }];
                const first = await client.chat.completions.create({ model: 'agentic', messages, tools });
                out.finish = first.choices[0].finish_reason;
                out.call = first.choices[0].message.tool_calls[0];
                messages.push(first.choices[0].message);
                messages.push({ role: 'tool', tool_call_id: out.call.id, content: 'wrote primes.py' });
                messages.push({ role: 'user', content: 'What is the difference between a list and a tuple?' });
                const second = await client.chat.completions.create({ model: 'agentic', messages, tools });
                out.answer = second.choices[0].message.content;
                out.secondFinish = second.choices[0].finish_reason;
                out.secondCalls = second.choices[0].message.tool_calls ?? null;
                const models = await client.models.list();
                out.models = models.data.map(m => m.id + ':' + m.owned_by);
                """);

        assertThat(out.get("finish").asString()).isEqualTo("tool_calls");
        assertThat(out.at("/call/type").asString()).isEqualTo("function");
        assertThat(out.at("/call/function/name").asString()).isEqualTo("write");
        JsonNode args = JSON.readTree(out.at("/call/function/arguments").asString());
        assertThat(args.get("filePath").asString()).isEqualTo("primes.py");
        assertThat(args.get("content").asString()).startsWith("def is_prime(n):");
        assertThat(out.get("secondFinish").asString()).isEqualTo("stop");
        assertThat(out.get("answer").asString()).isEqualTo("A list can change after it is made; a tuple cannot.");
        assertThat(out.get("secondCalls").isNull()).isTrue();
        assertThat(out.get("models").toString()).contains("agentic:agentic");
    }

    @Test
    void a_streamed_build_turn_delivers_the_write_call_through_the_sdks_stream_helper() throws Exception {
        JsonNode out = run("""
                const final = await client.chat.completions.stream({ model: 'agentic', tools,
                  messages: [{ role: 'user', content: 'Create is_prime in math_utils.py' }] }).finalChatCompletion();
                out.finish = final.choices[0].finish_reason;
                out.call = final.choices[0].message.tool_calls[0];
                const prose = await client.chat.completions.stream({ model: 'agentic',
                  messages: [{ role: 'user', content: 'How do tuples differ from lists?' }] }).finalChatCompletion();
                out.prose = prose.choices[0].message.content;
                """);

        assertThat(out.get("finish").asString()).isEqualTo("tool_calls");
        assertThat(out.at("/call/function/name").asString()).isEqualTo("write");
        assertThat(JSON.readTree(out.at("/call/function/arguments").asString()).get("filePath").asString())
                .isEqualTo("math_utils.py");
        assertThat(out.get("prose").asString()).isEqualTo("A list can change after it is made; a tuple cannot.");
    }

    @Test
    void each_turn_is_one_serving_run_with_the_dispatched_seat_recorded_as_its_child() throws Exception {
        var res = gateway.post("/v1/chat/completions", GatewayFixture.KEY, """
                {"model": "agentic", "messages": [{"role": "user", "content": "Write primes.py"}]}""");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        String id = JSON.readTree(res.body()).get("id").asString();
        var run = gateway.baton.ensembles().artifacts().list("serving", 50).stream()
                .filter(r -> id.contains(r.result().runId())).findFirst().orElseThrow();
        var seat = run.result().agent("seat").orElseThrow();
        assertThat(seat.childRun().ensemble()).isEqualTo("code-seat");
        assertThat(seat.childRun().dispatch()).isEqualTo("${route.target}");
        assertThat(run.json().at("/agents/seat/child_run/ensemble").asString()).isEqualTo("code-seat");
        var input = JSON.readTree(run.result().input());
        assertThat(input.get("task").asString()).isEqualTo("Write primes.py");
        assertThat(input.at("/messages/0/role").asString()).isEqualTo("user");
    }
}
