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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Calls per second through the whole pipeline with the SQLite ledger (batched writes), from 2, 4
 * and 8 threads sharing one pipeline. Iterations are long enough for the writer's bounded queue to
 * fill, so the figure is the sustained rate, ledger included, not a burst into the queue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class PipelineThroughputBenchmark {

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
    @Threads(2)
    public ChatResponse threads2() {
        return fixture.routed.chat(fixture.request);
    }

    @Benchmark
    @Threads(4)
    public ChatResponse threads4() {
        return fixture.routed.chat(fixture.request);
    }

    @Benchmark
    @Threads(8)
    public ChatResponse threads8() {
        return fixture.routed.chat(fixture.request);
    }
}
