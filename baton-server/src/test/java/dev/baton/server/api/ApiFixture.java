package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.server.Authenticator;
import dev.baton.server.BatonServer;
import dev.baton.server.Caller;
import dev.baton.server.ServerOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A temporary project (script agents, and LLM agents on a scripted provider whose models keep
 * every request; {@code writer}'s agent calls {@code write_file}, which needs approval) served by
 * a real {@link BatonServer} with the {@link RestApi} on port 0. Two
 * keys: {@link #KEY} (any profile) and {@link #NARROW_KEY} (profile {@code other} only).
 */
final class ApiFixture implements AutoCloseable {

    static final String KEY = "bk_test_0123456789abcdef0123456789abcdef";
    static final String NARROW_KEY = "bk_test_narrow_0123456789abcdef01234567";

    final Path root;
    final Path project;
    final Baton baton;
    final BatonServer server;
    final RestApi api;
    final List<ScriptedChatModel> models = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json;

    ApiFixture(Path root, RestApi.Options options) throws Exception {
        this(root, options, "");
    }

    /** The fixture with {@code extraConfig} (top-level YAML keys) appended to the project's config.yaml. */
    ApiFixture(Path root, RestApi.Options options, String extraConfig) throws Exception {
        this.root = root;
        this.project = root.resolve("project");
        write(".baton/config.yaml", """
                providers:
                  rec: {kind: recording}
                  tooly:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            match_on: tool_results
                            reply: {text: "read it"}
                          - match: "(?i)read"
                            reply:
                              tool_calls:
                                - name: read_file
                                  arguments: {path: README.md}
                  writey:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            match_on: tool_results
                            reply: {text: "the tool said: {{tool_result:write_file}}"}
                          - match: "."
                            reply:
                              tool_calls:
                                - name: write_file
                                  arguments: {path: notes.txt, content: "from the agent"}
                profiles:
                  fast: {provider: rec, model: m}
                  other: {provider: rec, model: o}
                  reader: {provider: tooly, model: t}
                  writer: {provider: writey, model: w}
                """ + extraConfig);
        write("README.md", "# A project served over HTTP\n");
        write(".baton/ensembles/reader.yaml", """
                name: reader
                agents:
                  - {name: r, model_profile: reader, tools: [read_file]}
                """);
        write(".baton/ensembles/writer.yaml", """
                name: writer
                agents:
                  - {name: w, model_profile: writer, tools: [write_file]}
                """);
        write(".baton/ensembles/echo.yaml", """
                name: echo
                deliverable: shout
                agents:
                  - name: shout
                    script: printf '%s!' "$BATON_INPUT"
                  - name: answer
                    model_profile: fast
                    depends_on: [shout]
                """);
        write(".baton/ensembles/shell.yaml", """
                name: shell
                agents:
                  - name: only
                    script: printf '%s.' "$BATON_INPUT"
                """);
        Map<String, String> env = Map.of("HOME", root.resolve("home").toString(), "PATH", System.getenv("PATH"),
                "OLLAMA_HOST", "127.0.0.1:1");
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(getClass().getClassLoader()));
        factories.put("recording", new Recording());
        baton = Baton.builder(BatonPaths.discover(project, env), env).factories(factories)
                .database(root.resolve("baton.db")).build();
        json = baton.json();
        api = new RestApi(options, Clock.systemUTC());
        Authenticator keys = presented -> presented.equals(KEY) ? Optional.of(new Caller("k1", "wide", Set.of()))
                : presented.equals(NARROW_KEY) ? Optional.of(new Caller("k2", "narrow", Set.of("other"))) : Optional.empty();
        server = BatonServer.builder(baton, ServerOptions.defaults().withPort(0).withMcp(false)).authenticator(keys)
                .accessLog(null).module(api).start();
    }

    /** The scripted kind, each model kept so tests can read the requests it received. */
    private final class Recording implements ProviderFactory {
        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json) {
            ScriptedChatModel m = ScriptedChatModel.of(model);
            models.add(m);
            return m;
        }
    }

    List<ChatRequest> modelRequests() {
        return models.stream().flatMap(m -> m.requests().stream()).toList();
    }

    void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    HttpResponse<String> send(String method, String path, @Nullable String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (headers.length > 0) b.headers(headers);
        if (!List.of(headers).contains("Authorization")) b.header("Authorization", "Bearer " + KEY);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return send("POST", path, body, headers);
    }

    JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** Starts a run of {@code ensemble} and returns its id. */
    String startRun(String ensemble, String input) throws Exception {
        HttpResponse<String> r = post("/api/v1/runs", "{\"ensemble\":\"" + ensemble + "\",\"input\":\"" + input + "\"}");
        if (r.statusCode() != 202) throw new AssertionError(r.statusCode() + " " + r.body());
        return read(r).path("run_id").asString();
    }

    /** Waits for run {@code id}'s result. */
    JsonNode result(String id) throws Exception {
        HttpResponse<String> r = get("/api/v1/runs/" + id + "/result?wait=30");
        if (r.statusCode() != 200) throw new AssertionError(r.statusCode() + " " + r.body());
        return read(r);
    }

    static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            baton.close();
        }
    }
}
