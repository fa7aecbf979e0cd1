package dev.baton;

import dev.baton.config.BatonPaths;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.pipeline.DeploymentStatus;
import dev.baton.provider.openai.OpenAiDialect;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link Baton} wires models: what it resolves, what fails how, and what it leaves running. */
class BatonWiringTest {

    /** Nothing listens on port 1: resolving {@code default} finds no Ollama at once. */
    private static final Map<String, String> NO_OLLAMA = Map.of("OLLAMA_HOST", "127.0.0.1:1");

    @TempDir
    Path dir;

    private BatonPaths project(String configYaml) throws IOException {
        Path project = dir.resolve(".baton");
        Files.createDirectories(project);
        Files.writeString(project.resolve("config.yaml"), configYaml);
        return new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
    }

    /** A TCP listener standing in for Ollama that counts every connection made to it. */
    private static final class CountingListener implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final Thread acceptor;

        CountingListener() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String host() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void naming_a_profile_resolves_only_its_chain_and_never_probes_ollama() throws Exception {
        BatonPaths paths = project("""
                profiles:
                  fast:
                    provider: scripted
                    model: offline
                """);
        try (CountingListener ollama = new CountingListener();
             Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", ollama.host())).build()) {
            ChatResponse reply = baton.model("fast").chat(ChatRequest.of("hello"));
            assertThat(reply.text()).contains("offline scripted reply");
            assertThat(ollama.connections).hasValue(0);

            // The control: asking for default does probe, so the listener would have seen a probe above.
            baton.model("default");
            assertThat(ollama.connections.get()).isPositive();
        }
    }

    @Test
    void an_unset_variable_fails_the_profile_that_uses_it_naming_file_line_field_and_variable() throws Exception {
        BatonPaths paths = project("""
                providers:
                  groq:
                    kind: openai
                    base_url: https://api.groq.example/openai/v1
                    api_key: ${GROQ_API_KEY}
                profiles:
                  quick:
                    provider: groq
                    model: llama-3.1-8b-instant
                  local:
                    provider: scripted
                    model: ${LOCAL_MODEL:-offline}
                """);
        try (Baton baton = Baton.builder(paths, NO_OLLAMA).build()) {
            assertThat(baton.model("local").chat(ChatRequest.of("hi")).model()).isEqualTo("offline");

            assertThatThrownBy(() -> baton.model("quick").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).contains(paths.projectDir().orElseThrow().resolve("config.yaml") + ":5")
                                .contains("providers.groq.api_key").contains("GROQ_API_KEY");
                    });
        }
    }

    @Test
    void a_set_variable_later_file_or_default_does_not_fail() throws Exception {
        BatonPaths paths = project("""
                retry:
                  max_attempts: 1
                providers:
                  groq:
                    kind: openai
                    base_url: http://127.0.0.1:1/v1
                    api_key: ${GROQ_API_KEY}
                profiles:
                  quick:
                    provider: groq
                    model: m
                    fallback: [local]
                  local:
                    provider: scripted
                """);
        try (Baton baton = Baton.builder(paths, Map.of("GROQ_API_KEY", "gsk-test-1234", "OLLAMA_HOST", "127.0.0.1:1")).build()) {
            // The key is set: the call goes out (to nothing listening) and falls back; no configuration error.
            ChatResponse reply = baton.model("quick").chat(ChatRequest.of("hi"));
            assertThat(reply.profile()).isEqualTo("local");
        }
    }

    @Test
    void a_hosted_provider_without_a_key_is_a_configuration_error_naming_the_variable() throws Exception {
        BatonPaths paths = project("""
                profiles:
                  fast:
                    provider: openai
                    model: gpt-4o-mini
                """);
        try (Baton baton = Baton.builder(paths, NO_OLLAMA).build()) {
            assertThatThrownBy(() -> baton.model("fast").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).contains("fast").contains("openai");
                        assertThat(e.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("OPENAI_API_KEY"));
                    });
        }
    }

    @Test
    void a_missing_script_file_is_a_configuration_error_and_the_fallback_is_not_called() throws Exception {
        BatonPaths paths = project("""
                providers:
                  canned:
                    kind: scripted
                    options:
                      script: %s
                  spare:
                    kind: scripted
                profiles:
                  main:
                    provider: canned
                    model: m
                    fallback: [backup]
                  backup:
                    provider: spare
                    model: b
                """.formatted(dir.resolve("no-such-script.yaml")));
        try (Baton baton = Baton.builder(paths, NO_OLLAMA).build()) {
            assertThatThrownBy(() -> baton.model("main").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).contains("no-such-script.yaml");
                    });
            // Not counted against the deployment's health either.
            assertThat(baton.pipeline().cooldowns().status("canned/m")).map(DeploymentStatus::recentFailures).hasValue(0);
        }
    }

    @Test
    void an_agent_fallback_outside_its_profiles_chain_is_reached_through_the_pipeline() throws Exception {
        Path failing = dir.resolve("failing.yaml");
        Files.writeString(failing, """
                rules:
                  - match: "."
                    reply:
                      error: {code: MODEL_UNAVAILABLE, message: "down for maintenance"}
                """);
        BatonPaths paths = project("""
                providers:
                  broken:
                    kind: scripted
                    options:
                      script: %s
                profiles:
                  main:
                    provider: broken
                    model: m
                  backup:
                    provider: scripted
                    model: b
                """.formatted(failing));
        try (Baton baton = Baton.builder(paths, NO_OLLAMA).build()) {
            var parsed = new dev.baton.ensemble.load.EnsembleParser().parse("""
                    name: fb
                    agents:
                      - {name: a, model_profile: main, fallback_model_profile: backup}
                    """, null);
            assertThat(parsed.problems()).isEmpty();
            var spec = parsed.spec();
            var result = new dev.baton.ensemble.run.EnsembleEngine(
                    dev.baton.ensemble.run.EngineOptions.builder(baton.agentModels()).build()).run(spec, "hi");

            var agent = result.agent("a").orElseThrow();
            assertThat(agent.error()).as("answered by the fallback profile").isNull();
            assertThat(agent.profile()).isEqualTo("backup");
        }
    }

    @Test
    void closing_a_baton_ends_its_deadline_timer_even_after_several_ad_hoc_models() throws Exception {
        BatonPaths paths = project("profiles: {}\n");
        Set<Thread> before = deadlineThreads();
        try (Baton baton = Baton.builder(paths, NO_OLLAMA).build()) {
            for (String m : new String[]{"scripted/a", "scripted/b", "scripted/c"}) {
                baton.model(m).chat(ChatRequest.of("hi"));
            }
            baton.model("offline").chat(ChatRequest.of("hi"));
            assertThat(startedSince(before)).hasSize(1);
        }
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!startedSince(before).isEmpty() && System.nanoTime() < until) Thread.sleep(20);
        assertThat(startedSince(before)).isEmpty();
    }

    /** The platform thread of Jetty's provider transport: its timer. */
    private static final String CLIENT_THREAD = "baton-http-";

    @Test
    void closing_a_baton_ends_the_http_client_threads_of_the_models_it_called() throws Exception {
        BatonPaths paths = project("profiles: {}\n");
        Set<Thread> before = liveThreads(CLIENT_THREAD);
        // Jetty's client, which has threads of its own (Baton's own client, the default, has none)
        String previous = System.setProperty("baton.http.client", "jetty");
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(new OpenAiDialect().text("hello", 1, 1));
            try (Baton baton = Baton.builder(paths, Map.of("OPENAI_API_KEY", "sk-test-0000",
                    "OPENAI_BASE_URL", server.baseUri() + "/v1", "OLLAMA_HOST", "127.0.0.1:1")).build()) {
                assertThat(baton.model("openai/gpt-4o-mini").chat(ChatRequest.of("hi")).text()).isEqualTo("hello");
                assertThat(newSince(before, CLIENT_THREAD)).isNotEmpty();
            }
        } finally {
            if (previous == null) System.clearProperty("baton.http.client");
            else System.setProperty("baton.http.client", previous);
        }
        // A client's platform thread (the JDK's selector, Jetty's timer) left alive holds up the JVM's exit.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!newSince(before, CLIENT_THREAD).isEmpty() && System.nanoTime() < until) Thread.sleep(20);
        assertThat(newSince(before, CLIENT_THREAD)).isEmpty();
    }

    private static Set<Thread> liveThreads(String nameContains) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains(nameContains) && t.isAlive()).collect(Collectors.toSet());
    }

    private static Set<Thread> newSince(Set<Thread> before, String nameContains) {
        Set<Thread> now = liveThreads(nameContains);
        now.removeAll(before);
        return now;
    }

    /** Live timer threads (other tests of this JVM may have left some: only new ones count). */
    private static Set<Thread> deadlineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("baton-deadlines") && t.isAlive()).collect(Collectors.toSet());
    }

    private static Set<Thread> startedSince(Set<Thread> before) {
        Set<Thread> now = deadlineThreads();
        now.removeAll(before);
        return now;
    }
}
