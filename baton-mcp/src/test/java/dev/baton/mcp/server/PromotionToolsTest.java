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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** check_promotion_readiness, promote_ensemble and demote_ensemble through the real server, with valid and invalid arguments. */
class PromotionToolsTest {

    @TempDir
    static Path dir;

    private static Path user;
    private static Path project;
    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        project = dir.resolve("project/.baton");
        user = dir.resolve("home/.config/baton");
        Files.createDirectories(project.resolve("ensembles"));
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  fake: {kind: scripted}
                profiles:
                  writer: {provider: fake, model: m1}
                """);
        Files.writeString(project.resolve("ensembles/solo.yaml"), "name: solo\nagents:\n  - {name: a, model_profile: writer}\n");
        Files.createDirectories(user);
        Files.writeString(user.resolve("config.yaml"), "# mine\nproviders:\n  fake: {kind: scripted}\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("error: %s", r.content()).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    private static void assertRefused(McpSchema.CallToolResult r, String field) {
        assertThat(r.isError()).as("expected an error: %s", r.content()).isTrue();
        assertThat(((McpSchema.TextContent) r.content().getFirst()).text()).contains(field);
    }

    @Test
    void readiness_then_promote_then_demote_moves_the_ensemble_and_its_profile() throws Exception {
        Map<String, Object> ready = structured(call("check_promotion_readiness", Map.of("ensemble", "solo")));
        assertThat(ready).containsEntry("ready", true);
        assertThat(ready.get("profiles_to_copy").toString()).contains("writer");
        assertRefused(call("check_promotion_readiness", Map.of("ensemble", "nope")), "ensemble");
        assertRefused(call("check_promotion_readiness", Map.of()), "ensemble");
        assertRefused(call("check_promotion_readiness", Map.of("ensemble", "solo", "target", "library")), "target");

        assertThat(structured(call("promote_ensemble", Map.of("ensemble", "solo", "dry_run", true)))).containsEntry("promoted", false);
        assertThat(user.resolve("ensembles/solo.yaml")).doesNotExist();
        assertThat(structured(call("promote_ensemble", Map.of("ensemble", "solo")))).containsEntry("promoted", true);
        assertThat(user.resolve("ensembles/solo.yaml")).exists();
        assertThat(Files.readString(user.resolve("config.yaml"))).startsWith("# mine").contains("writer:");
        assertRefused(call("promote_ensemble", Map.of("ensemble", "solo", "overwrite", "yes")), "overwrite");

        assertRefused(call("demote_ensemble", Map.of("ensemble", "solo")), "confirm");
        Map<String, Object> demoted = structured(call("demote_ensemble",
                Map.of("ensemble", "solo", "confirm", true, "remove_orphaned_profiles", true)));
        assertThat(demoted.get("removed_profiles").toString()).contains("writer");
        assertThat(user.resolve("ensembles/solo.yaml")).doesNotExist();
        assertThat(project.resolve("ensembles/solo.yaml")).exists();
        assertThat(Files.readString(user.resolve("config.yaml"))).doesNotContain("writer");
        assertRefused(call("demote_ensemble", Map.of("ensemble", "solo", "confirm", true)), "ensemble");
        assertRefused(call("demote_ensemble", Map.of("ensemble", "solo", "tier", "project", "confirm", true)), "tier");
    }
}
