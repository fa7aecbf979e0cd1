package dev.baton.bench;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.bedrock.BedrockChatModel;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a Bedrock call's time goes, layer by layer, against the same loopback server answering
 * Converse JSON instantly:
 * <ul>
 *   <li>{@code adapterCall}: Baton's adapter, as {@link AdapterOverheadBenchmark} measures it;</li>
 *   <li>{@code sdkConverse}: the AWS SDK's asynchronous {@code converse} with a pre-built SDK request,
 *       on the stack the adapter keeps for ConverseStream (Netty, HTTP/1.1, SigV4 with static keys,
 *       no retries); {@code chat} itself now takes the synchronous client on the JDK client, which
 *       {@link BedrockPhaseProbe} breaks down;</li>
 *   <li>{@code sdkConverseInlineCompletion}: the same with the SDK's future completed on the Netty
 *       thread instead of its default completion executor (one thread hand-off less);</li>
 *   <li>{@code nettyRaw}: the SDK's Netty HTTP client alone, sending a pre-signed request and
 *       reading the body — the transport without the SDK's request pipeline;</li>
 *   <li>{@code sigV4Sign}: signing the request (SHA-256 of the body, canonical request, HMAC chain);</li>
 *   <li>{@code rawHttpClient}: the JDK client on the same exchange, the baseline of every other adapter.</li>
 * </ul>
 * Public API only: Baton's adapter and the AWS SDK's documented client, HTTP and signer interfaces.
 * <p>
 * The SDK's per-call path needs a few thousand calls before the JIT has compiled it (its cost
 * falls from ~3 ms to under 1 ms over the first ~4,000 calls on the 2-core machine), far more than
 * JMH's warm-up iterations make at that speed; so each trial first makes {@link #SDK_WARMUP_CALLS}
 * calls on the path it measures. {@link BedrockPhaseProbe} shows where the time of a warm call goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class BedrockBreakdownBenchmark {

    /** Calls made in set-up on an SDK path before JMH's own warm-up (see the class comment). */
    static final int SDK_WARMUP_CALLS = 8_000;
    private static final String MODEL = "bench-model";
    private static final String KEY_ID = (String) AdapterOverheadBenchmark.BEDROCK_OPTIONS.get("access_key_id");
    private static final String SECRET = (String) AdapterOverheadBenchmark.BEDROCK_OPTIONS.get("secret_access_key");

    private InstantHttpServer server;
    private BedrockChatModel adapter;
    private ChatRequest request;
    private final List<SdkEventLoopGroup> loops = new ArrayList<>();
    private BedrockRuntimeAsyncClient sdk;
    private BedrockRuntimeAsyncClient sdkInline;
    private ConverseRequest converse;
    private SdkAsyncHttpClient netty;
    private SdkHttpFullRequest signedRequest;
    private byte[] body;
    private AwsV4HttpSigner signer;
    private AwsCredentialsIdentity identity;
    private HttpClient raw;
    private HttpRequest rawRequest;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        server = new InstantHttpServer("application/json", AdapterOverheadBenchmark.BEDROCK_ANSWER);
        URI base = server.baseUri();
        ProviderSettings settings = new ProviderSettings("bedrock", "bedrock", base, null, Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(5), AdapterOverheadBenchmark.BEDROCK_OPTIONS);
        adapter = new BedrockChatModel(settings, MODEL, new ModelInfo("bedrock", MODEL, 128_000, 4_096, Set.of(), null),
                JsonMapper.builder().build());
        request = ChatRequest.builder().system("You are a helpful assistant.").user("Say hello in one sentence.")
                .temperature(0.2).maxTokens(100).build();
        sdk = sdkClient(base, false);
        sdkInline = sdkClient(base, true);
        converse = ConverseRequest.builder().modelId(MODEL)
                .system(SystemContentBlock.fromText("You are a helpful assistant."))
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText("Say hello in one sentence.")).build())
                .inferenceConfig(InferenceConfiguration.builder().maxTokens(100).temperature(0.2f).build())
                .build();
        netty = nettyClient();
        body = ("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Say hello in one sentence.\"}]}],"
                + "\"system\":[{\"text\":\"You are a helpful assistant.\"}],"
                + "\"inferenceConfig\":{\"maxTokens\":100,\"temperature\":0.2}}").getBytes(StandardCharsets.UTF_8);
        signer = AwsV4HttpSigner.create();
        identity = AwsCredentialsIdentity.create(KEY_ID, SECRET);
        SdkHttpRequest signed = sign().request();
        signedRequest = SdkHttpFullRequest.builder().method(signed.method()).uri(signed.getUri())
                .headers(signed.headers()).build();
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawRequest = HttpRequest.newBuilder(URI.create(base + "/model/" + MODEL + "/converse"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "adapterCall" -> warmUp(this::adapterCall);
            case "sdkConverse" -> warmUp(this::sdkConverse);
            case "sdkConverseInlineCompletion" -> warmUp(this::sdkConverseInlineCompletion);
            default -> { }
        }
    }

    /** Makes {@link #SDK_WARMUP_CALLS} calls, so JMH measures the SDK's compiled path. */
    static void warmUp(Runnable call) {
        for (int i = 0; i < SDK_WARMUP_CALLS; i++) call.run();
    }

    private SdkEventLoopGroup loop() {
        SdkEventLoopGroup loop = SdkEventLoopGroup.builder().numberOfThreads(2)
                .threadFactory(Thread.ofPlatform().daemon().name("bench-netty-", 0).factory()).build();
        loops.add(loop);
        return loop;
    }

    /** Configured as baton-bedrock's BedrockClients configures its client for static keys. */
    private BedrockRuntimeAsyncClient sdkClient(URI base, boolean inlineCompletion) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry());
        var builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(base)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("aws.auth#sigv4")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(loop()).protocol(Protocol.HTTP1_1)
                        .connectionTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(override.build());
        if (inlineCompletion) {
            builder.asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                    Runnable::run));
        }
        return builder.build();
    }

    private SdkAsyncHttpClient nettyClient() {
        return NettyNioAsyncHttpClient.builder().eventLoopGroup(loop()).protocol(Protocol.HTTP1_1)
                .connectionTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build();
    }

    private SignedRequest sign() {
        SdkHttpRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(server.baseUri() + "/model/" + MODEL + "/converse"))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length)).build();
        return signer.sign(r -> r.identity(identity).request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        adapter.close();
        sdk.close();
        sdkInline.close();
        netty.close();
        for (SdkEventLoopGroup loop : loops) loop.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS);
        server.close();
    }

    @Benchmark
    public ChatResponse adapterCall() {
        return adapter.chat(request);
    }

    @Benchmark
    public ConverseResponse sdkConverse() {
        return sdk.converse(converse).join();
    }

    @Benchmark
    public ConverseResponse sdkConverseInlineCompletion() {
        return sdkInline.converse(converse).join();
    }

    @Benchmark
    public SignedRequest sigV4Sign() {
        return sign();
    }

    @Benchmark
    public int nettyRaw() {
        CollectingHandler handler = new CollectingHandler();
        AsyncRequestBody content = AsyncRequestBody.fromBytes(body);
        netty.execute(AsyncExecuteRequest.builder().request(signedRequest)
                .requestContentPublisher(new SdkHttpContentPublisher() {
                    @Override
                    public Optional<Long> contentLength() {
                        return content.contentLength();
                    }

                    @Override
                    public void subscribe(Subscriber<? super ByteBuffer> s) {
                        content.subscribe(s);
                    }
                })
                .responseHandler(handler).build()).join();
        return handler.bytes.join();
    }

    @Benchmark
    public HttpResponse<byte[]> rawHttpClient() throws Exception {
        return raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Reads a response body to its end; completes with the number of bytes read. */
    private static final class CollectingHandler implements SdkAsyncHttpResponseHandler {
        final CompletableFuture<Integer> bytes = new CompletableFuture<>();

        @Override
        public void onHeaders(SdkHttpResponse headers) {
            if (!headers.isSuccessful()) bytes.completeExceptionally(new IllegalStateException("status " + headers.statusCode()));
        }

        @Override
        public void onStream(Publisher<ByteBuffer> stream) {
            stream.subscribe(new Subscriber<>() {
                private int count;

                @Override
                public void onSubscribe(Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer b) {
                    count += b.remaining();
                }

                @Override
                public void onError(Throwable t) {
                    bytes.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    bytes.complete(count);
                }
            });
        }

        @Override
        public void onError(Throwable error) {
            bytes.completeExceptionally(error);
        }
    }
}
