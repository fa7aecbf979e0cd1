package dev.baton.bench;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.bedrock.BedrockChatModel;
import dev.baton.provider.bedrock.internal.BedrockClients;
import dev.baton.provider.bedrock.internal.JdkSdkHttpClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Where a warm Bedrock {@code chat} call's time goes, against one loopback server answering
 * Converse JSON instantly. Four legs alternate in one loop, in rotating order, so they share the
 * machine's load (as in {@link AdapterPairProbe}):
 * <ol>
 *   <li>{@code raw}: a bare JDK {@link HttpClient#send} of the very bytes the adapter sends (the
 *       signed request captured from the SDK: same URI, headers and body);</li>
 *   <li>{@code http}: baton-bedrock's {@link JdkSdkHttpClient} sending that captured request;</li>
 *   <li>{@code sdk}: the AWS SDK's {@code converse} with a pre-built SDK request through the
 *       adapter's own client set-up ({@link BedrockClients}: synchronous client, SigV4 with static
 *       keys, no retries), timed phase by phase through the SDK's public {@link ExecutionInterceptor}
 *       hooks;</li>
 *   <li>{@code adapter}: Baton's {@link BedrockChatModel#chat}.</li>
 * </ol>
 * Medians of each leg, of the per-round differences, and of each SDK phase are printed.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.BedrockPhaseProbe [--warmup 8000] [--calls 5000]}
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
            "HTTP exchange (JdkSdkHttpClient: request copy, send, server, read)",
            "response handler start",
            "unmarshalling the JSON answer",
            "after unmarshalling until the execution completes (response interceptors, metrics)",
            "completion until the caller resumes"};
    /** The exchange phase: beforeTransmission -> afterTransmission. */
    private static final int EXCHANGE = 5;
    private static final Set<String> MANAGED = Set.of("host", "content-length", "connection", "expect", "upgrade");

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
        PhaseClock clock = new PhaseClock(calls);
        Duration timeout = Duration.ofSeconds(5);
        try (InstantHttpServer server = new InstantHttpServer("application/json", AdapterOverheadBenchmark.BEDROCK_ANSWER);
             BedrockClients clients = new BedrockClients(settings(server.baseUri()), List.of(clock));
             BedrockChatModel model = new BedrockChatModel(settings(server.baseUri()), "bench-model",
                     new ModelInfo("bedrock", "bench-model", 128_000, 4_096, Set.of(), null), JsonMapper.builder().build());
             JdkSdkHttpClient http = new JdkSdkHttpClient(timeout, timeout);
             HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            System.out.printf(Locale.ROOT, "%d cores, load average %s; %d warm-up rounds, %d measured rounds%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage(), warmup, calls);
            ConverseRequest converse = ConverseRequest.builder().modelId("bench-model")
                    .system(SystemContentBlock.fromText("You are a helpful assistant."))
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Say hello in one sentence.")).build())
                    .inferenceConfig(InferenceConfiguration.builder().maxTokens(100).temperature(0.2f).build()).build();
            ChatRequest chat = ChatRequest.builder().system("You are a helpful assistant.")
                    .user("Say hello in one sentence.").temperature(0.2).maxTokens(100).build();
            clients.converse(converse, timeout);
            HttpExecuteRequest captured = clock.captured();
            HttpRequest rawRequest = jdkRequest(captured);
            Runnable[] legs = {
                    () -> send(raw, rawRequest),
                    () -> call(http, captured),
                    () -> clients.converse(converse, timeout),
                    () -> model.chat(chat)};
            for (int i = 0; i < warmup; i++) for (Runnable leg : legs) leg.run();
            long[][] t = new long[legs.length][calls];
            for (int i = 0; i < calls; i++) {
                for (int k = 0; k < legs.length; k++) {
                    int leg = (i + k) % legs.length;
                    if (leg == 2) clock.begin(i);
                    long s = System.nanoTime();
                    legs[leg].run();
                    t[leg][i] = System.nanoTime() - s;
                    if (leg == 2) clock.mark(HOOKS.length - 1);
                }
            }
            report(t, clock);
        }
    }

    private static void report(long[][] t, PhaseClock clock) {
        System.out.println("\nAWS SDK converse (sdk leg), phase by phase (median of each gap between hooks):");
        for (int p = 0; p < PHASES.length; p++) {
            System.out.printf(Locale.ROOT, "  %-20s -> %-20s %8.1f us  %s%n", HOOKS[p], HOOKS[p + 1],
                    clock.medianGap(p), PHASES[p]);
        }
        System.out.printf(Locale.ROOT, "  whole call %.1f us; SDK pipeline without the exchange (per call) %.1f us%n",
                clock.medianTotal(), clock.medianWithout(EXCHANGE));
        System.out.printf(Locale.ROOT, "%nleg medians: raw %.1f us, http %.1f us, sdk %.1f us, adapter %.1f us%n",
                median(t[0]), median(t[1]), median(t[2]), median(t[3]));
        System.out.printf(Locale.ROOT, "paired differences (median per round):%n"
                        + "  http - raw      %7.1f us  JdkSdkHttpClient above a bare JDK send of the same bytes%n"
                        + "  sdk - http      %7.1f us  the SDK's pipeline around the exchange%n"
                        + "  adapter - sdk   %7.1f us  Baton's request and response mapping%n"
                        + "  adapter - raw   %7.1f us  adapter overhead%n",
                medianDiff(t[1], t[0]), medianDiff(t[2], t[1]), medianDiff(t[3], t[2]), medianDiff(t[3], t[0]));
    }

    /** The JDK request of a captured SDK request: same URI, method, headers (minus those the JDK sets) and body. */
    private static HttpRequest jdkRequest(HttpExecuteRequest captured) throws IOException {
        SdkHttpRequest r = captured.httpRequest();
        byte[] body;
        try (InputStream in = captured.contentStreamProvider().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(r.getUri())
                .method(r.method().name(), HttpRequest.BodyPublishers.ofByteArray(body));
        r.forEachHeader((name, values) -> {
            if (!MANAGED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> b.header(name, v));
        });
        return b.build();
    }

    private static void send(HttpClient client, HttpRequest request) {
        try {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void call(JdkSdkHttpClient client, HttpExecuteRequest request) {
        try (InputStream body = client.prepareRequest(request).call().responseBody().orElseThrow()) {
            body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static double medianDiff(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return median(d);
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
     * Records System.nanoTime at each SDK hook of the call being measured (every hook of the
     * synchronous client runs on the calling thread), and keeps the first signed request it sees.
     */
    private static final class PhaseClock implements ExecutionInterceptor {
        private final long[][] at;
        private int call = -1;
        private HttpExecuteRequest captured;

        PhaseClock(int calls) {
            at = new long[calls][HOOKS.length];
        }

        HttpExecuteRequest captured() {
            return captured;
        }

        void begin(int i) {
            call = i;
            mark(0);
        }

        void mark(int hook) {
            if (call >= 0) at[call][hook] = System.nanoTime();
        }

        double medianGap(int phase) {
            long[] d = new long[at.length];
            for (int i = 0; i < at.length; i++) d[i] = at[i][phase + 1] - at[i][phase];
            return median(d);
        }

        double medianTotal() {
            return medianWithout(-1);
        }

        /** The median of the whole call minus one phase. */
        double medianWithout(int phase) {
            long[] d = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                d[i] = at[i][HOOKS.length - 1] - at[i][0] - (phase < 0 ? 0 : at[i][phase + 1] - at[i][phase]);
            }
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
            if (captured == null) {
                byte[] body = c.requestBody().map(rb -> {
                    try (InputStream in = rb.contentStreamProvider().newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                captured = HttpExecuteRequest.builder().request(c.httpRequest())
                        .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
            }
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
