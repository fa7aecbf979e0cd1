package dev.baton.bench;

import dev.baton.secret.Secret;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.config.ProviderRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Per-call cost of each provider adapter against a loopback server that answers instantly with
 * that provider's real answer shape. {@code adapterCall} is the whole call (encode, HTTP client,
 * decode); {@code rawHttpClient} is the same exchange with a pre-built body and no decoding. The
 * adapter's own overhead is the difference of the two medians.
 * <p>
 * Bedrock goes through the AWS SDK's synchronous client (on the JDK client, through
 * baton-bedrock's {@code JdkSdkHttpClient}; SigV4 signing with static test credentials), so its
 * difference also holds the SDK's own per-call cost; {@link BedrockPhaseProbe} splits it up. The
 * SDK's path is warmed with {@link BedrockBreakdownBenchmark#SDK_WARMUP_CALLS} calls in set-up (it
 * needs thousands of calls before the JIT has compiled it, more than JMH's warm-up iterations make).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class AdapterOverheadBenchmark {

    /** Bedrock Converse's answer, sent for POST {@code /model/{id}/converse}. */
    static final String BEDROCK_ANSWER = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello! How can I help you today?"}]}},
             "stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":9,"totalTokens":21},
             "metrics":{"latencyMs":1}}""";

    /** Static, fake AWS credentials: requests are signed (SigV4) exactly as for real keys. */
    static final Map<String, Object> BEDROCK_OPTIONS = Map.of("region", "us-east-1",
            "access_key_id", "AKIDEXAMPLE", "secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    static final Map<String, String> ANSWERS = Map.of(
            "openai", """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21,
                     "prompt_tokens_details":{"cached_tokens":0}}}""",
            "anthropic", """
                    {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5",
                     "content":[{"type":"text","text":"Hello! How can I help you today?"}],"stop_reason":"end_turn",
                     "stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":9,"cache_creation_input_tokens":0,
                     "cache_read_input_tokens":0}}""",
            "gemini", """
                    {"candidates":[{"content":{"parts":[{"text":"Hello! How can I help you today?"}],"role":"model"},
                     "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":9,
                     "totalTokenCount":21},"modelVersion":"gemini-2.5-flash","responseId":"abc"}""",
            "ollama", """
                    {"model":"llama3.2:3b","created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant",
                     "content":"Hello! How can I help you today?"},"done":true,"done_reason":"stop",
                     "total_duration":1000,"load_duration":10,"prompt_eval_count":12,"prompt_eval_duration":10,
                     "eval_count":9,"eval_duration":10}""",
            "bedrock", BEDROCK_ANSWER);


    @Param({"openai", "anthropic", "gemini", "ollama", "bedrock"})
    public String provider;

    private InstantHttpServer server;
    private ChatModel model;
    private ChatRequest request;
    private HttpClient raw;
    private HttpRequest rawRequest;
    private HttpRequest rawRequestWithTimeout;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new InstantHttpServer("application/json", ANSWERS.get(provider));
        Map<String, ProviderFactory> factories = ProviderRegistry.discoverFactories(getClass().getClassLoader());
        URI base = provider.equals("openai") ? URI.create(server.baseUri() + "/v1") : server.baseUri();
        boolean bedrock = provider.equals("bedrock");
        ProviderSettings settings = new ProviderSettings(provider, provider, base,
                bedrock ? null : Secret.of("sk-bench-0000000000"), Map.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), bedrock ? BEDROCK_OPTIONS : Map.of());
        model = factories.get(provider).create(settings, "bench-model",
                new ModelInfo(provider, "bench-model", 128_000, 4_096, Set.of(), null), JsonMapper.builder().build());
        request = ChatRequest.builder().system("You are a helpful assistant.").user("Say hello in one sentence.")
                .temperature(0.2).maxTokens(100).build();
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawRequest = HttpRequest.newBuilder(URI.create(server.baseUri() + "/raw"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-bench-0000000000")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"))
                .build();
        // As the adapters send it: a per-request timeout (the deadline), which the JDK client arms and
        // cancels on its selector thread for every exchange. Used by AdapterPairProbe, not by JMH.
        rawRequestWithTimeout = HttpRequest.newBuilder(rawRequest, (name, value) -> true)
                .timeout(Duration.ofSeconds(5)).build();
        if (bedrock) BedrockBreakdownBenchmark.warmUp(this::adapterCall);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (model instanceof AutoCloseable closeable) closeable.close();
        server.close();
    }

    @Benchmark
    public ChatResponse adapterCall() {
        return model.chat(request);
    }

    @Benchmark
    public HttpResponse<byte[]> rawHttpClient() throws Exception {
        return raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The raw exchange with a request timeout, as every adapter sets one (see set-up). */
    HttpResponse<byte[]> rawHttpClientWithTimeout() throws Exception {
        return raw.send(rawRequestWithTimeout, HttpResponse.BodyHandlers.ofByteArray());
    }
}
