package dev.baton.bench;

import dev.baton.config.Secret;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.openai.OpenAiChatModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Per-call cost of a provider adapter against a loopback server that answers instantly.
 * {@code adapterCall} is the whole call (encode, HTTP client, decode); {@code rawHttpClient} is
 * the same exchange with a pre-built body and no decoding, so the difference is the adapter's
 * own JSON work and bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class AdapterOverheadBenchmark {

    static final String OPENAI_ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},
             "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,
             "prompt_tokens_details":{"cached_tokens":0}}}""";

    private InstantHttpServer server;
    private ChatModel openai;
    private ChatRequest request;
    private HttpClient raw;
    private HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new InstantHttpServer("application/json", OPENAI_ANSWER);
        ProviderSettings settings = new ProviderSettings("openai", "openai", URI.create(server.baseUri() + "/v1"),
                Secret.of("sk-bench-0000000000"), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of());
        openai = new OpenAiChatModel(settings, "gpt-4o-mini",
                new ModelInfo("openai", "gpt-4o-mini", 128_000, 16_384, Set.of(), null), JsonMapper.builder().build());
        request = ChatRequest.builder().system("You are a helpful assistant.").user("Say hello in one sentence.")
                .temperature(0.2).maxTokens(100).build();
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawRequest = HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-bench-0000000000")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"))
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.close();
    }

    @Benchmark
    public ChatResponse adapterCall() {
        return openai.chat(request);
    }

    @Benchmark
    public HttpResponse<byte[]> rawHttpClient() throws Exception {
        return raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
    }
}
