package dev.baton.bench;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.bedrock.BedrockChatModel;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a warm Bedrock call's time goes. Against one loopback server answering Converse JSON
 * instantly, in one JVM: the JDK client's bare exchange; the AWS SDK's {@code converse} configured
 * as baton-bedrock configures it (Netty, HTTP/1.1, SigV4 with static keys, no retries), timed
 * phase by phase through the SDK's public {@link ExecutionInterceptor} hooks; and Baton's adapter.
 * Each path is warmed with {@code --warmup} calls (default 8,000) first, then measured over
 * {@code --calls} calls (default 5,000); medians are printed.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.BedrockPhaseProbe [--warmup N] [--calls N]}
 */
public final class BedrockPhaseProbe {

    private static final String[] HOOKS = {"call", "beforeExecution", "beforeMarshalling", "afterMarshalling",
            "modifyHttpRequest", "beforeTransmission", "afterTransmission", "beforeUnmarshalling",
            "afterUnmarshalling", "afterExecution", "returned"};
    private static final String[] PHASES = {
            "client handler set-up (execution context, interceptors, auth scheme, endpoint)",
            "validation before marshalling",
            "marshalling the ConverseRequest to JSON",
            "after marshalling (checksums, compression checks)",
            "request stages up to sending (SigV4 signing, user agent, headers)",
            "HTTP exchange on Netty (write, server, read, event-loop hand-offs)",
            "response handler start",
            "unmarshalling the JSON answer",
            "after unmarshalling until the execution completes (metrics, future completion hop)",
            "completion until the caller resumes"};

    private BedrockPhaseProbe() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 8_000;
        int calls = 5_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--warmup N, --calls N)");
            }
        }
        try (InstantHttpServer server = new InstantHttpServer("application/json", AdapterOverheadBenchmark.BEDROCK_ANSWER)) {
            System.out.printf(Locale.ROOT, "%d cores, load average %s; %d warm-up calls, %d measured calls per path%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage(), warmup, calls);
            double raw = jdkExchange(server.baseUri(), warmup, calls);
            double sdk = sdkPhases(server.baseUri(), warmup, calls);
            double adapter = adapter(server.baseUri(), warmup, calls);
            System.out.printf(Locale.ROOT, "%nmedians: JDK exchange %.1f us, SDK converse %.1f us, Baton adapter %.1f us"
                    + "%n  SDK above the JDK exchange %.1f us; adapter above the SDK %.1f us; adapter above the JDK "
                    + "exchange %.1f us%n", raw, sdk, adapter, sdk - raw, adapter - sdk, adapter - raw);
        }
    }

    private static double jdkExchange(URI base, int warmup, int calls) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/model/bench-model/converse"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"text\":\"Say hello in one sentence.\"}]}]}")).build();
        for (int i = 0; i < warmup; i++) client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long[] t = new long[calls];
        for (int i = 0; i < calls; i++) {
            long s = System.nanoTime();
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            t[i] = System.nanoTime() - s;
        }
        client.close();
        return median(t);
    }

    private static double sdkPhases(URI base, int warmup, int calls) {
        PhaseClock clock = new PhaseClock(calls);
        var options = AdapterOverheadBenchmark.BEDROCK_OPTIONS;
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1).endpointOverride(base)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        (String) options.get("access_key_id"), (String) options.get("secret_access_key"))))
                .authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("aws.auth#sigv4")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)
                        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(clock).build())
                .build()) {
            ConverseRequest request = ConverseRequest.builder().modelId("bench-model")
                    .system(SystemContentBlock.fromText("You are a helpful assistant."))
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Say hello in one sentence.")).build())
                    .inferenceConfig(InferenceConfiguration.builder().maxTokens(100).temperature(0.2f).build()).build();
            for (int i = 0; i < warmup; i++) client.converse(request).join();
            for (int i = 0; i < calls; i++) {
                clock.begin(i);
                client.converse(request).join();
                clock.mark(HOOKS.length - 1);
            }
        }
        System.out.println("\nAWS SDK converse, phase by phase (median of each gap between hooks):");
        for (int p = 0; p < PHASES.length; p++) {
            System.out.printf(Locale.ROOT, "  %-20s -> %-20s %8.1f us  %s%n", HOOKS[p], HOOKS[p + 1],
                    clock.medianGap(p), PHASES[p]);
        }
        double total = clock.medianTotal();
        System.out.printf(Locale.ROOT, "  whole call %.1f us%n", total);
        return total;
    }

    private static double adapter(URI base, int warmup, int calls) {
        ProviderSettings settings = new ProviderSettings("bedrock", "bedrock", base, null, Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(5), AdapterOverheadBenchmark.BEDROCK_OPTIONS);
        try (BedrockChatModel model = new BedrockChatModel(settings, "bench-model",
                new ModelInfo("bedrock", "bench-model", 128_000, 4_096, Set.of(), null), JsonMapper.builder().build())) {
            ChatRequest request = ChatRequest.builder().system("You are a helpful assistant.")
                    .user("Say hello in one sentence.").temperature(0.2).maxTokens(100).build();
            for (int i = 0; i < warmup; i++) model.chat(request);
            long[] t = new long[calls];
            for (int i = 0; i < calls; i++) {
                long s = System.nanoTime();
                model.chat(request);
                t[i] = System.nanoTime() - s;
            }
            return median(t);
        }
    }

    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1000.0;
    }

    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * Records System.nanoTime at each SDK hook of the call being measured. Calls are made one at a
     * time; the hooks run on the caller and on Netty threads, and {@code join()} orders every hook
     * of a call before the next {@link #begin}.
     */
    private static final class PhaseClock implements ExecutionInterceptor {
        private final long[][] at;
        private volatile int call = -1;

        PhaseClock(int calls) {
            at = new long[calls][HOOKS.length];
        }

        void begin(int i) {
            call = i;
            mark(0);
        }

        void mark(int hook) {
            int i = call;
            if (i >= 0) at[i][hook] = System.nanoTime();
        }

        double medianGap(int phase) {
            long[] d = new long[at.length];
            for (int i = 0; i < at.length; i++) d[i] = at[i][phase + 1] - at[i][phase];
            return median(d);
        }

        double medianTotal() {
            long[] d = new long[at.length];
            for (int i = 0; i < at.length; i++) d[i] = at[i][HOOKS.length - 1] - at[i][0];
            return median(d);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
            mark(1);
        }

        @Override
        public void beforeMarshalling(Context.BeforeMarshalling c, ExecutionAttributes a) {
            mark(2);
        }

        @Override
        public void afterMarshalling(Context.AfterMarshalling c, ExecutionAttributes a) {
            mark(3);
        }

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest c, ExecutionAttributes a) {
            mark(4);
            return c.httpRequest();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
            mark(5);
        }

        @Override
        public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
            mark(6);
        }

        @Override
        public void beforeUnmarshalling(Context.BeforeUnmarshalling c, ExecutionAttributes a) {
            mark(7);
        }

        @Override
        public void afterUnmarshalling(Context.AfterUnmarshalling c, ExecutionAttributes a) {
            mark(8);
        }

        @Override
        public void afterExecution(Context.AfterExecution c, ExecutionAttributes a) {
            mark(9);
        }
    }
}
