package dev.baton.bench;

import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobOutput;
import dev.baton.coordinator.Plan;
import dev.baton.coordinator.PlannedJob;
import dev.baton.coordinator.internal.DefaultCoordinator;
import dev.baton.usage.BudgetEnforcer;
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
import tools.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's own cost with planning excluded ({@code DefaultCoordinator.runPlan}): a plan of
 * {@code jobs} jobs over tools that answer after {@code toolMillis} (0: at once), at most
 * {@code jobs} at once, under the budget enforcer, then the synthesis on an instant model, the
 * response and its budget accounting (no artifacts). With instant tools the time is all
 * overhead: job threads, share accounting, budget scopes, events, metering, formatting. With
 * 100 ms tools and 10 at once, the ideal is 100 ms (the longest job).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class CoordinatorBenchmark {

    @Param({"5:0", "10:100"})
    public String jobsAndToolMillis;

    private DefaultCoordinator coordinator;
    private BudgetEnforcer budgets;
    private Plan plan;
    private CoordinatorRequest request;

    /** A tool that answers after a fixed wait. */
    private record WaitingTool(String name, long millis) implements CoordinatorTool {
        @Override
        public String description() {
            return "answers after " + millis + " ms";
        }

        @Override
        public String argumentsSchema() {
            return "{\"type\":\"object\"}";
        }

        @Override
        public JobOutput run(JobContext context) throws InterruptedException {
            if (millis > 0) Thread.sleep(millis);
            return JobOutput.text("done " + name);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = jobsAndToolMillis.split(":");
        int jobs = Integer.parseInt(p[0]);
        long millis = Long.parseLong(p[1]);
        List<CoordinatorTool> tools = new ArrayList<>();
        List<PlannedJob> planned = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            tools.add(new WaitingTool("tool_" + i, millis));
            planned.add(new PlannedJob("tool_" + i, JsonNodeFactory.instance.objectNode(), i, 1, 1, "bench"));
        }
        budgets = BudgetEnforcer.unlimited();
        CoordinatorSettings settings = CoordinatorSettings.of(null, Path.of(".")).withMaxParallelJobs(Math.min(10, jobs));
        InstantChatModel model = new InstantChatModel("instant");
        coordinator = new DefaultCoordinator(settings, profile -> model, () -> {
            throw new IllegalStateException("the benchmark's tools read no workspace");
        }, () -> null, () -> budgets, JsonMapper.builder().build(), Clock.systemUTC(), ZoneId.systemDefault(), tools);
        plan = new Plan(planned, null);
        request = CoordinatorRequest.of("benchmark question").withMaxExecutionTime(Duration.ofSeconds(60));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        budgets.close();
    }

    @Benchmark
    public CoordinatorResponse runPlan() {
        return coordinator.runPlan(request, plan, CoordinatorListener.NONE);
    }
}
