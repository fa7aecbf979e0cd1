package dev.baton.bench;

import dev.baton.llm.ChatResponse;
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

import java.util.concurrent.TimeUnit;

/**
 * Latency of one call through the whole pipeline (router, budget, recording, deadline, fallback,
 * JSON guard, retry, cooldown, SQLite ledger write) around a model that answers instantly, against
 * the same model called directly. The pipeline's overhead is the difference of the two medians.
 * <p>
 * One thread calls back to back, faster than the ledger's single writer commits; once the
 * writer's bounded queue is full, about one call in a batch waits for a commit (back-pressure).
 * The median shows the in-path cost, the mean and the high percentiles show those waits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class PipelineBenchmark {

    @Param({PipelineFixture.NO_BUDGET, PipelineFixture.USD_BUDGET})
    public String budget;

    private PipelineFixture fixture;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PipelineFixture(budget);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        fixture.close();
    }

    @Benchmark
    public ChatResponse pipelineCall() {
        return fixture.routed.chat(fixture.request);
    }

    @Benchmark
    public ChatResponse bareModel() {
        return fixture.bare.chat(fixture.request);
    }
}
