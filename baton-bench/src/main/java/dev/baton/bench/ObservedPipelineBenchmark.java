package dev.baton.bench;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.observe.Observers;
import dev.baton.observe.Telemetry;
import dev.baton.observe.internal.ObservedUsageLedger;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.routing.RoutingRules;
import dev.baton.store.internal.JdbcUsageLedger;
import dev.baton.usage.UsageLedger;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What observation costs a pipeline call (router, recording with the SQLite ledger, deadline,
 * fallback, retry, cooldown) around an instant model: {@code plain} is the pipeline without any
 * hook (as before the hooks existed); {@code observed} adds what every Baton now has without
 * OpenTelemetry (the ledger tee telling an empty set of observers); {@code traced} adds the
 * pipeline-call and provider-attempt spans, sampled and batched by a real tracer provider whose
 * exporter drops them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class ObservedPipelineBenchmark {

    @Param({"plain", "observed", "traced"})
    public String variant;

    private Path dir;
    private JdbcUsageLedger ledger;
    private Pipeline pipeline;
    private OpenTelemetrySdk sdk;
    private ChatModel model;
    private final ChatRequest request = ChatRequest.builder()
            .system("You are a helpful assistant.").user("Say hello in one sentence.")
            .temperature(0.2).maxTokens(100).metadata("task_type", "review").build();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("baton-bench-observed-");
        ledger = JdbcUsageLedger.open(dir.resolve("baton.db"));
        Observers observers = new Observers();
        UsageLedger used = variant.equals("plain") ? ledger : new ObservedUsageLedger(ledger, observers);
        Pipeline.Builder b = Pipeline.builder()
                .profile(PipelineProfile.builder("fast", new InstantChatModel("instant-fast"))
                        .timeout(Duration.ofSeconds(60)).fallbacks("backup").build())
                .profile(PipelineProfile.builder("backup", new InstantChatModel("instant-backup"))
                        .timeout(Duration.ofSeconds(60)).build())
                .routing(new RoutingRules(Map.of("review", List.of("fast", "backup")), "fast", Map.of()))
                .ledger(used).clock(Clock.systemUTC());
        if (!variant.equals("plain")) b.observer(observers);
        if (variant.equals("traced")) {
            sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build()).build()).build();
            b.telemetry(Telemetry.of(sdk, false));
        }
        pipeline = b.build();
        model = pipeline.routed();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pipeline.close();
        if (sdk != null) sdk.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark
    public ChatResponse pipelineCall() {
        return model.chat(request);
    }

    /** Takes every batch and drops it: the cost measured is making and batching spans, not sending them. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
