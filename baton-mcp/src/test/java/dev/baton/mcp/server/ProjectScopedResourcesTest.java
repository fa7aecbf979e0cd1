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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resources, prompts and resource subscriptions follow {@code set_project}: two sessions of one
 * server, one of which switches project, each read their own project's ensembles, profiles and
 * prompts, and a change in a project reaches only the subscribed sessions working in it. Over
 * Streamable HTTP with the SDK's client, and over stdio with raw JSON-RPC lines.
 */
class ProjectScopedResourcesTest {

    @TempDir
    static Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path home;
    private static Path other;
    private static Baton baton;
    private static McpHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        home = project("home", "alpha", "home-profile");
        other = project("other", "beta", "other-profile");
        Map<String, String> env = Map.of("HOME", dir.resolve("user-home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(home, env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
    }

    /** A project folder with one script ensemble and one profile, both named for the project. */
    private static Path project(String name, String ensemble, String profile) throws IOException {
        Path root = dir.resolve(name);
        Path ensembles = root.resolve(".baton/ensembles");
        Files.createDirectories(ensembles);
        Files.writeString(root.resolve(".baton/config.yaml"), """
                providers:
                  fake: {kind: scripted}
                profiles:
                  %s: {provider: fake, model: m1}
                """.formatted(profile));
        Files.writeString(ensembles.resolve(ensemble + ".yaml"),
                "name: %s\ndescription: the %s project's ensemble\nagents:\n  - {name: a, script: 'printf %s'}\n"
                        .formatted(ensemble, name, name));
        return root;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSyncClient client(List<String> updated) {
        return client(updated, new CopyOnWriteArrayList<>());
    }

    /** A client over HTTP recording the URIs it is told changed, and each prompt list it re-reads on prompts/list_changed. */
    private static McpSyncClient client(List<String> updated, List<List<String>> promptLists) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60))
                .resourcesUpdateConsumer(contents -> contents.forEach(r -> updated.add(r.uri())))
                .promptsChangeConsumer(prompts -> promptLists.add(prompts.stream().map(McpSchema.Prompt::name).toList()))
                .build();
        c.initialize();
        return c;
    }

    private static void switchTo(McpSyncClient client, Path root) {
        var r = client.callTool(new McpSchema.CallToolRequest("set_project", Map.of("path", root.toString())));
        assertThat(r.isError()).as("%s", r.content()).isNotEqualTo(Boolean.TRUE);
    }

    private static String text(McpSyncClient client, String uri) {
        McpSchema.ReadResourceResult r = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) r.contents().getFirst()).text();
    }

    private static List<String> ensembleNames(McpSyncClient client) {
        JsonNode listing = JSON.readTree(text(client, "baton://ensembles"));
        return listing.findValuesAsString("name");
    }

    private static List<String> promptNames(McpSyncClient client) {
        return client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
    }

    @Test
    void given_one_session_switched_project_when_both_read_resources_and_prompts_then_each_sees_its_own_project() {
        try (McpSyncClient stay = client(new CopyOnWriteArrayList<>()); McpSyncClient moved = client(new CopyOnWriteArrayList<>())) {
            switchTo(moved, other);

            assertThat(ensembleNames(stay)).contains("alpha").doesNotContain("beta");
            assertThat(ensembleNames(moved)).contains("beta").doesNotContain("alpha");
            assertThat(text(stay, "baton://profiles")).contains("home-profile").doesNotContain("other-profile");
            assertThat(text(moved, "baton://profiles")).contains("other-profile").doesNotContain("home-profile");
            assertThat(text(moved, "baton://ensemble/beta")).contains("name: beta");
            assertThatThrownBy(() -> text(stay, "baton://ensemble/beta")).hasMessageContaining("beta");

            assertThat(promptNames(stay)).contains("alpha").doesNotContain("beta");
            assertThat(promptNames(moved)).contains("beta").doesNotContain("alpha");
            McpSchema.GetPromptResult beta = moved.getPrompt(new McpSchema.GetPromptRequest("beta", Map.of("input", "x")));
            assertThat(beta.description()).isEqualTo("the other project's ensemble");
            assertThatThrownBy(() -> stay.getPrompt(new McpSchema.GetPromptRequest("beta", Map.of("input", "x"))));
        }
    }

    @Test
    void given_two_sessions_when_one_switches_project_then_only_it_is_told_its_prompts_changed() throws Exception {
        List<List<String>> stayLists = new CopyOnWriteArrayList<>();
        List<List<String>> movedLists = new CopyOnWriteArrayList<>();
        try (McpSyncClient stay = client(new CopyOnWriteArrayList<>(), stayLists);
             McpSyncClient moved = client(new CopyOnWriteArrayList<>(), movedLists)) {
            switchTo(moved, other);

            Instant deadline = Instant.now().plusSeconds(30);
            while (movedLists.isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(50);
            assertThat(movedLists).isNotEmpty().allSatisfy(names -> assertThat(names).contains("beta").doesNotContain("alpha"));
            assertThat(stayLists).isEmpty();
            assertThat(promptNames(stay)).contains("alpha");
        }
    }

    @Test
    void given_both_sessions_subscribed_when_an_ensemble_changes_in_one_project_then_only_its_session_is_notified()
            throws Exception {
        List<String> stayHeard = new CopyOnWriteArrayList<>();
        List<String> movedHeard = new CopyOnWriteArrayList<>();
        try (McpSyncClient stay = client(stayHeard); McpSyncClient moved = client(movedHeard)) {
            switchTo(moved, other);
            for (McpSyncClient c : List.of(stay, moved)) {
                for (String uri : List.of("baton://ensembles", "baton://ensemble/gamma", "baton://ensemble/delta")) {
                    c.subscribeResource(new McpSchema.SubscribeRequest(uri));
                }
            }

            Files.writeString(other.resolve(".baton/ensembles/gamma.yaml"), "name: gamma\nagents:\n  - {name: a, script: 'printf g'}\n");
            // the client hands notifications on asynchronously: they may arrive in any order
            awaitContains(movedHeard, "baton://ensemble/gamma");
            awaitContains(movedHeard, "baton://ensembles");
            assertThat(ensembleNames(moved)).contains("gamma");
            assertThat(promptNames(moved)).contains("gamma");

            Files.writeString(home.resolve(".baton/ensembles/delta.yaml"), "name: delta\nagents:\n  - {name: a, script: 'printf d'}\n");
            awaitContains(stayHeard, "baton://ensemble/delta");
            awaitContains(stayHeard, "baton://ensembles");
            // both changes were seen by now, each by its own project's watch: the other session heard neither
            assertThat(stayHeard).doesNotContain("baton://ensemble/gamma");
            assertThat(movedHeard).doesNotContain("baton://ensemble/delta");
        }
    }

    @Test
    void given_two_sessions_in_two_projects_when_an_ensemble_or_operation_file_is_added_then_only_that_projects_session_is_told_its_prompts_changed()
            throws Exception {
        List<List<String>> stayLists = new CopyOnWriteArrayList<>();
        List<List<String>> movedLists = new CopyOnWriteArrayList<>();
        try (McpSyncClient stay = client(new CopyOnWriteArrayList<>(), stayLists);
             McpSyncClient moved = client(new CopyOnWriteArrayList<>(), movedLists)) {
            switchTo(moved, other);
            awaitList(movedLists, "beta"); // the set_project one

            Files.writeString(other.resolve(".baton/ensembles/zeta.yaml"),
                    "name: zeta\ndescription: added later\nagents:\n  - {name: a, script: 'printf z'}\n");
            awaitList(movedLists, "zeta");
            // a notification meant for every session would have reached the other one with it
            Thread.sleep(1500);
            assertThat(stayLists).isEmpty();

            Files.createDirectories(home.resolve(".baton/operations"));
            Files.writeString(home.resolve(".baton/operations/text.yaml"), """
                    feature: text
                    operations:
                      shout:
                        description: Say it louder
                        prompt: "Shout {{words}}"
                        input_schema: {type: object, required: [words], properties: {words: {type: string}}}
                        response_schema: {type: object, required: [loud], properties: {loud: {type: string}}}
                    """);
            awaitList(stayLists, "text.shout");
            assertThat(promptNames(stay)).contains("alpha", "text.shout");
            assertThat(movedLists).noneSatisfy(names -> assertThat(names).contains("text.shout"));
        }
    }

    /** Waits until a prompt list containing {@code name} was received. */
    private static void awaitList(List<List<String>> lists, String name) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30); // generous: a busy machine polls late
        while (lists.stream().noneMatch(l -> l.contains(name)) && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(lists).anySatisfy(names -> assertThat(names).contains(name));
    }

    private static void awaitContains(List<String> heard, String uri) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30); // generous: a busy machine polls late
        while (!heard.contains(uri) && Instant.now().isBefore(deadline)) Thread.sleep(50);
        assertThat(heard).contains(uri);
    }

    @Test
    void over_stdio_resources_prompts_and_subscriptions_follow_set_project() throws Exception {
        Path third = project("third", "epsilon", "third-profile");
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(client, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 16);
        PipedOutputStream stdout = new PipedOutputStream(fromServer);
        BatonMcpServer mcp = BatonMcpServer.builder().extension(new BatonTools(baton)).build();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                mcp.serveStdio(stdin, stdout);
            } catch (InterruptedException ignored) {
                // the test ends
            }
        });
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        Thread reading = Thread.ofVirtual().start(() -> {
            Iterator<String> lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8)).lines().iterator();
            try {
                while (lines.hasNext()) messages.add(JSON.readTree(lines.next()));
            } catch (java.io.UncheckedIOException serverGone) {
                // the server closed its end when the test ended
            }
        });
        try {
            Stdio io = new Stdio(client, messages);
            io.request(1, "initialize", """
                    {"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""");
            io.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            assertThat(io.request(2, "prompts/list", "{}").toString()).contains("alpha").doesNotContain("epsilon");

            io.request(3, "tools/call", "{\"name\":\"set_project\",\"arguments\":{\"path\":" + JSON.writeValueAsString(third.toString()) + "}}");
            assertThat(io.request(4, "prompts/list", "{}").toString()).contains("epsilon").doesNotContain("alpha");
            assertThat(io.request(5, "resources/read", "{\"uri\":\"baton://ensembles\"}").toString())
                    .contains("epsilon").doesNotContain("alpha");
            assertThat(io.request(6, "prompts/get", "{\"name\":\"epsilon\",\"arguments\":{\"input\":\"x\"}}").toString())
                    .contains("the third project's ensemble");

            io.request(7, "resources/subscribe", "{\"uri\":\"baton://ensembles\"}");
            Files.writeString(third.resolve(".baton/ensembles/zeta.yaml"), "name: zeta\nagents:\n  - {name: a, script: 'printf z'}\n");
            JsonNode update = io.next(m -> "notifications/resources/updated".equals(m.path("method").asString("")));
            assertThat(update.path("params").path("uri").asString()).isEqualTo("baton://ensembles");
        } finally {
            client.close();
            serving.join(Duration.ofSeconds(30));
            reading.join(Duration.ofSeconds(5));
        }
    }

    /** A stdio client speaking raw JSON-RPC lines. */
    private record Stdio(OutputStream out, BlockingQueue<JsonNode> in) {

        void send(String message) throws IOException {
            out.write((message.strip() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends a request and answers its result, failing on an error response. */
        JsonNode request(int id, String method, String params) throws Exception {
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params.strip() + "}");
            JsonNode answer = next(m -> m.path("id").asInt(-1) == id);
            assertThat(answer.has("error")).as("%s", answer).isFalse();
            return answer.path("result");
        }

        JsonNode next(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(60); // generous: a busy machine polls late
            while (Instant.now().isBefore(deadline)) {
                JsonNode m = in.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && wanted.test(m)) return m;
            }
            throw new AssertionError("no such message from the server");
        }
    }
}
