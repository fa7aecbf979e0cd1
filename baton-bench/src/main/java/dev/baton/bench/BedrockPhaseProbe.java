package dev.baton.bench;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.bedrock.BedrockChatModel;
import dev.baton.provider.bedrock.internal.BedrockClients;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
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
 * instantly, in one JVM: the JDK client's bare exchange; the AWS SDK's {@code converse} through
 * baton-bedrock's own client set-up ({@link BedrockClients}: the synchronous client on the JDK HTTP
 * client, HTTP/1.1, SigV4 with static keys, no retries) with a pre-built SDK request, timed phase by
 * phase through the SDK's public {@link ExecutionInterceptor} hooks; and Baton's adapter.
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
            "HTTP exchange on the JDK client (JdkSdkHttpClient: request copy, send, server, read)",
            "response handler start",
            "unmarshalling the JSON answer",
            "after unmarshalling until the execution completes (response interceptors, metrics)",
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
        // The adapter's own SDK client set-up, with the clock added: the path chat() takes.
        try (BedrockClients clients = new BedrockClients(settings(base), List.of(clock))) {
            ConverseRequest request = ConverseRequest.builder().modelId("bench-model")
                    .system(SystemContentBlock.fromText("You are a helpful assistant."))
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Say hello in one sentence.")).build())
                    .inferenceConfig(InferenceConfiguration.builder().maxTokens(100).temperature(0.2f).build()).build();
            Duration timeout = Duration.ofSeconds(5);
            for (int i = 0; i < warmup; i++) clients.converse(request, timeout);
            for (int i = 0; i < calls; i++) {
                clock.begin(i);
                clients.converse(request, timeout);
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
        try (BedrockChatModel model = new BedrockChatModel(settings(base), "bench-model",
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

    private static ProviderSettings settings(URI base) {
        return new ProviderSettings("bedrock", "bedrock", base, null, Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(5), AdapterOverheadBenchmark.BEDROCK_OPTIONS);
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
     * time, and every hook of the synchronous client runs on the calling thread.
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
