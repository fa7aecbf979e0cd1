package dev.baton.server.gateway;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code @dwmkerr/mock-llm} as an OpenAI-compatible upstream profile behind the gateway, on both routes. */
class MockLlmUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Process mockLlm;
    static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        Path pkg = Peers.install("@dwmkerr/mock-llm", "0.1.29");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(NodeScripts.node().toString(), pkg.resolve("dist/main.js").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("mock-llm.log").toFile());
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("PORT", Integer.toString(port));
        mockLlm = pb.start();
        awaitHealthy(URI.create("http://127.0.0.1:" + port + "/health"));
        String providers = "mock: {kind: openai, base_url: \"http://127.0.0.1:" + port + "/v1\", api_key: mock-key}\n";
        gateway = GatewayFixture.start(dir.resolve("baton"), GatewayConfigs.scripted(providers,
                "mocked: {provider: mock, model: mock-model}\n"), GatewayConfigs.ensembles());
    }

    private static void awaitHealthy(URI health) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!mockLlm.isAlive()) fail("mock-llm exited; see " + dir.resolve("mock-llm.log"));
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("mock-llm did not become healthy within 60 s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (mockLlm != null) {
            mockLlm.destroy();
            mockLlm.waitFor();
        }
    }

    @Test
    void given_mock_llm_upstream_when_completing_then_its_echo_comes_back_through_the_pipeline() throws Exception {
        HttpResponse<String> res = gateway.post("/v1/chat/completions", GatewayFixture.KEY,
                "{\"model\":\"mocked\",\"messages\":[{\"role\":\"user\",\"content\":\"Echo me, mock\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).at("/choices/0/message/content").asString()).isEqualTo("Echo me, mock");
        assertThat(res.headers().firstValue("x-baton-model")).contains("mocked");
    }

    @Test
    void given_mock_llm_upstream_when_streaming_on_either_route_then_the_echo_is_relayed_in_chunks() throws Exception {
        HttpResponse<String> openai = gateway.post("/v1/chat/completions", GatewayFixture.KEY,
                "{\"model\":\"mocked\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream me, mock\"}]}");
        HttpResponse<String> anthropic = gateway.post("/v1/messages", GatewayFixture.KEY,
                "{\"model\":\"mocked\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream me too\"}]}");

        StringBuilder text = new StringBuilder();
        for (String d : SseEvents.parse(openai.body()).data()) {
            if (!d.equals("[DONE]")) text.append(JSON.readTree(d).at("/choices/0/delta/content").asString(""));
        }
        assertThat(text.toString()).isEqualTo("Stream me, mock");
        StringBuilder messages = new StringBuilder();
        for (SseEvents.Event e : SseEvents.parse(anthropic.body()).events()) {
            JsonNode data = JSON.readTree(e.data());
            if ("content_block_delta".equals(e.name())) messages.append(data.at("/delta/text").asString(""));
        }
        assertThat(messages.toString()).isEqualTo("Stream me too");
        assertThat(SseEvents.parse(anthropic.body()).names().getLast()).isEqualTo("message_stop");
    }
}
