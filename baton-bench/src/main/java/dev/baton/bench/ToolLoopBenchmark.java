package dev.baton.bench;

import dev.baton.llm.ChatResponse;
import dev.baton.tool.ToolLoop;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The tool loop's own cost. {@code loop} runs one whole loop: the scripted model asks for
 * {@code calls} tool calls, the loop runs them (concurrently when more than one) and sends their
 * results back, the model answers. {@code bareModelCalls} makes the same two model calls with the
 * same two requests, without the loop. The loop's overhead per round is the difference of the
 * medians; 10 calls against 1 call shows what running a round's calls in parallel costs, with a
 * no-op tool ({@code toolMicros = 0}) and with a tool that waits 1 ms (where 10 sequential calls
 * would take 10 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class ToolLoopBenchmark {

    @Param({"1", "10"})
    public int calls;

    @Param({"0", "1000"})
    public long toolMicros;

    private ToolLoopFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new ToolLoopFixture(calls, toolMicros);
    }

    /** The scripted model keeps every request; forget them so the heap stays flat. */
    @Setup(Level.Iteration)
    public void forgetRequests() {
        fixture.model.reset();
    }

    @Benchmark
    public ToolLoop.Result loop() {
        return fixture.loop.run(fixture.first, fixture.context);
    }

    @Benchmark
    public ChatResponse bareModelCalls() {
        fixture.model.chat(fixture.first);
        return fixture.model.chat(fixture.followUp);
    }
}
