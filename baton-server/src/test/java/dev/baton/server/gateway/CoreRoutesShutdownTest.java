package dev.baton.server.gateway;

import dev.baton.server.ServerOptions;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop lets a gateway call in flight on the core handler finish and answer; then the port is closed. */
class CoreRoutesShutdownTest {

    @TempDir
    Path dir;

    @Test
    void given_a_call_in_flight_when_the_server_stops_then_the_call_finishes_and_answers() throws Exception {
        try (LoopbackServer upstream = new LoopbackServer()) {
            upstream.setDefaultReply(Reply.json(200, """
                    {"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,
                    "message":{"role":"assistant","content":"Late answer."},"finish_reason":"stop"}],
                    "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""".replace("\n", ""))
                    .withFirstByteDelay(Duration.ofMillis(800)));
            String config = GatewayConfigs.scripted("up: {kind: openai, base_url: \"" + upstream.baseUri() + "/v1\", api_key: t}",
                    "slow-up: {provider: up, model: m}");
            GatewayFixture gateway = GatewayFixture.start(dir, config, GatewayConfigs.ensembles(),
                    ServerOptions.defaults().withShutdownGrace(Duration.ofSeconds(20)));
            HttpClient http = HttpClient.newHttpClient();
            String url = gateway.url();
            CompletableFuture<HttpResponse<String>> call = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + GatewayFixture.KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow-up\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (upstream.requests().isEmpty() && System.nanoTime() < until) Thread.sleep(5);
            assertThat(upstream.requests()).as("the call reached the upstream").hasSize(1);

            gateway.close(); // waits for the call in flight (grace 20 s)

            HttpResponse<String> answer = call.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("Late answer.");
            assertThat(call).isDone();
            CompletableFuture<HttpResponse<String>> after = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after).failsWithin(Duration.ofSeconds(20));
        }
    }
}
