package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ensemble prompts, the metrics, stats and budgets resources, and resource subscriptions,
 * through the real server and the SDK's client over Streamable HTTP.
 */
class ResourcesAndPromptsTest {

    @TempDir
    static Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path ensembles;
    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;
    private static final List<String> updated = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path project = dir.resolve("project/.baton");
        ensembles = project.resolve("ensembles");
        Files.createDirectories(ensembles);
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  fake: {kind: scripted}
                profiles:
                  canned: {provider: fake, model: m1}
                budgets:
                  - {scope: project, period: day, usd: 5}
                """);
        Files.writeString(ensembles.resolve("pair.yaml"), """
                name: pair
                description: two script agents in a row
                agents:
                  - name: first
                    script: 'printf "first:%s" "$BATON_INPUT"'
                  - name: second
                    depends_on: [first]
                    script: 'printf "second done"'
                """);
        Files.writeString(ensembles.resolve("solo.yaml"), "name: solo\nagents:\n  - {name: a, script: 'printf x'}\n");
        // a second file declaring the same name must not keep the server from starting
        Files.writeString(ensembles.resolve("solo-copy.yaml"), "name: solo\nagents:\n  - {name: a, script: 'printf y'}\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60))
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static JsonNode read(String uri) {
        McpSchema.ReadResourceResult r = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return JSON.readTree(((McpSchema.TextResourceContents) r.contents().getFirst()).text());
    }

    private static void invoke(String ensemble) {
        var r = client.callTool(new McpSchema.CallToolRequest("invoke", Map.of("ensemble", ensemble, "input", "go")));
        assertThat(r.isError()).as("%s", r.content()).isNotEqualTo(Boolean.TRUE);
    }

    private static void awaitUpdate(String uri) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30); // generous: a busy machine polls late
        while (!updated.contains(uri) && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(updated).contains(uri);
    }

    @Test
    void every_ensemble_is_a_prompt_with_its_description_and_a_required_input() {
        List<McpSchema.Prompt> prompts = client.listPrompts().prompts();

        assertThat(prompts).extracting(McpSchema.Prompt::name).contains("pair", "solo").doesNotHaveDuplicates();
        McpSchema.Prompt pair = prompts.stream().filter(p -> p.name().equals("pair")).findFirst().orElseThrow();
        assertThat(pair.description()).isEqualTo("two script agents in a row");
        assertThat(pair.arguments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("input");
            assertThat(a.required()).isTrue();
        });

        McpSchema.GetPromptResult got = client.getPrompt(new McpSchema.GetPromptRequest("pair", Map.of("input", "review Main.java")));
        assertThat(got.messages()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(McpSchema.Role.USER);
            assertThat(((McpSchema.TextContent) m.content()).text()).contains("invoke")
                    .contains("\"ensemble\":\"pair\"").contains("review Main.java");
        });
        assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("pair", Map.of())))
                .hasMessageContaining("input");
        assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("nope", Map.of("input", "x"))));
    }

    @Test
    void metrics_are_computed_from_the_recorded_runs_and_stats_and_budgets_are_resources() {
        invoke("solo");
        invoke("solo");

        JsonNode metrics = read("baton://metrics/solo");
        assertThat(metrics.path("runs").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(metrics.path("by_status").path("completed").asInt()).isEqualTo(metrics.path("runs").asInt());
        assertThat(metrics.has("average_duration_ms")).isTrue();
        assertThat(metrics.has("average_cost_usd")).isTrue();
        assertThatThrownBy(() -> read("baton://metrics/nope")).hasMessageContaining("nope");

        assertThat(read("baton://stats").has("rows")).isTrue();
        assertThat(read("baton://budgets").path("budgets").get(0).path("limit_usd").asInt()).isEqualTo(5);
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("baton://metrics/{ensemble}");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).contains("baton://stats", "baton://budgets");
    }

    @Test
    void a_subscribed_client_hears_when_an_invoke_writes_an_artifact_and_when_an_ensemble_file_changes() throws Exception {
        assertThat(client.getServerCapabilities().resources().subscribe()).isTrue();
        client.subscribeResource(new McpSchema.SubscribeRequest("baton://artifacts/pair"));
        client.subscribeResource(new McpSchema.SubscribeRequest("baton://ensemble/pair"));

        invoke("pair");
        awaitUpdate("baton://artifacts/pair");

        Files.writeString(ensembles.resolve("pair.yaml"), Files.readString(ensembles.resolve("pair.yaml")) + "# edited\n");
        awaitUpdate("baton://ensemble/pair");

        // never subscribed: never told
        assertThat(Set.copyOf(updated)).doesNotContain("baton://artifacts/solo", "baton://metrics/pair");
    }
}
