package dev.baton;

import com.sun.net.httpserver.HttpServer;
import dev.baton.config.BatonPaths;
import dev.baton.context.memory.FileSummary;
import dev.baton.context.memory.ProjectMemory;
import dev.baton.context.memory.SearchMode;
import dev.baton.context.memory.SearchResult;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Baton.memory()} built from {@code memory:}: the embedding profile, the summary profile, the tool. */
class MemoryWiringTest {

    private static final tools.jackson.databind.ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private HttpServer ollama;
    private final AtomicInteger embedCalls = new AtomicInteger();

    /** An Ollama stand-in answering /api/embed with a vector per input: counts of a, e, o and the length. */
    private String startOllama() throws IOException {
        ollama = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ollama.createContext("/api/embed", ex -> {
            embedCalls.incrementAndGet();
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            ObjectNode answer = JSON.createObjectNode().put("model", body.path("model").asString());
            var list = answer.putArray("embeddings");
            long tokens = 0;
            for (JsonNode in : body.path("input")) {
                String t = in.asString();
                tokens += t.length() / 4 + 1;
                var v = list.addArray();
                for (char c : new char[]{'a', 'e', 'o'}) v.add((float) t.chars().filter(x -> x == c).count() + 1);
                v.add((float) t.length());
            }
            answer.put("prompt_eval_count", tokens);
            byte[] bytes = JSON.writeValueAsBytes(answer);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        ollama.start();
        return "http://127.0.0.1:" + ollama.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (ollama != null) ollama.stop(0);
    }

    private BatonPaths project(String configYaml) throws IOException {
        Path project = dir.resolve(".baton");
        Files.createDirectories(project);
        Files.writeString(project.resolve("config.yaml"), configYaml);
        Files.writeString(dir.resolve("pump.go"), "package p\n\n// PrimePump lets the air out of the line.\nfunc PrimePump() {\n}\n");
        return new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
    }

    @Test
    void an_embedding_profile_makes_search_hybrid_and_its_calls_go_to_the_ledger() throws Exception {
        String base = startOllama();
        BatonPaths paths = project("""
                providers:
                  local:
                    kind: ollama
                    base_url: %s
                profiles:
                  embed:
                    provider: local
                    model: nomic-embed-text
                memory:
                  embedding_profile: embed
                """.formatted(base));
        try (Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build()) {
            ProjectMemory memory = baton.memory();
            SearchResult r = memory.search("prime the pump", 1000);

            assertThat(memory.mode()).isEqualTo(SearchMode.HYBRID);
            assertThat(r.excerpts()).first().satisfies(e -> assertThat(e.path()).isEqualTo("pump.go"));
            assertThat(embedCalls.get()).isGreaterThanOrEqualTo(2); // the file's chunks, then the query
            List<StatsRow> rows = baton.pipeline().ledger().query(
                    StatsQuery.last(Duration.ofHours(1), Instant.now().plusSeconds(60), StatsQuery.GroupBy.PROFILE));
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.key()).isEqualTo("embed");
                assertThat(row.calls()).isEqualTo(embedCalls.get());
                assertThat(row.inputTokens()).isPositive();
            });
        }
    }

    @Test
    void without_configuration_search_is_bm25_and_the_memory_search_tool_is_registered() throws Exception {
        BatonPaths paths = project("profiles: {}\n");
        try (Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build()) {
            assertThat(baton.memory().mode()).isEqualTo(SearchMode.BM25);
            var entry = baton.tools().registry().find("memory_search").orElseThrow();
            assertThat(entry.source()).isEqualTo("memory");
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", "air out of the line").put("max_tokens", 500);
            ToolResult result = entry.tool().call(args, new ToolContext("run", "agent", baton.tools().sandbox(),
                    Instant.now().plusSeconds(30)));
            assertThat(result.content()).contains("pump.go:3-5  func PrimePump() {").contains("lets the air out");
        }
    }

    @Test
    void summaries_come_from_the_summary_profile_once_per_content() throws Exception {
        BatonPaths paths = project("""
                profiles:
                  summarize:
                    provider: scripted
                    model: offline
                memory:
                  summary_profile: summarize
                """);
        try (Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build()) {
            FileSummary first = baton.memory().summary("pump.go");
            FileSummary second = baton.memory().summary("pump.go");
            Files.writeString(dir.resolve("pump.go"), "package p\n\nfunc Other() {}\n");
            FileSummary third = baton.memory().summary("pump.go");

            assertThat(first.cached()).isFalse();
            assertThat(first.text()).isNotBlank();
            assertThat(second.cached()).isTrue();
            assertThat(second.text()).isEqualTo(first.text());
            assertThat(third.cached()).isFalse();
            assertThat(third.contentHash()).isNotEqualTo(first.contentHash());
            assertThatThrownBy(() -> baton.memory().summary("../outside.txt")).hasMessageContaining("not a file in the project");
        }
    }

    @Test
    void an_embedding_profile_on_a_kind_without_embeddings_fails_naming_the_setting() throws Exception {
        BatonPaths paths = project("""
                profiles:
                  s:
                    provider: scripted
                    model: offline
                memory:
                  embedding_profile: s
                """);
        try (Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build()) {
            assertThatThrownBy(baton::memory).hasMessageContaining("memory.embedding_profile").hasMessageContaining("scripted");
        }
    }

    @Test
    void an_out_of_range_memory_setting_fails_with_file_and_line() throws Exception {
        BatonPaths paths = project("memory:\n  search_tokens: 5\n");
        assertThatThrownBy(() -> Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build())
                .hasMessageContaining("config.yaml").hasMessageContaining(":2").hasMessageContaining("search_tokens");
    }

}
