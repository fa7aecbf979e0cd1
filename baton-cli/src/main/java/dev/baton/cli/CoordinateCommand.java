package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorResponseJson;
import dev.baton.coordinator.JobResult;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code baton coordinate "QUERY"}: asks the coordinator, which plans the question into jobs over
 * its tools and runs them under shares of the request's cost and time budget. Exit codes: 0 for
 * {@code success} and {@code partial_success} (which stderr says), 1 for {@code failed}, 2 for a
 * bad command line or a value out of range, 130 when interrupted.
 */
@Command(name = "coordinate", description = {"Answer a question about the project with the coordinator:",
        "a planner picks tools, they run in parallel under shares of the budget, one response comes back."})
final class CoordinateCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "the question (text or JSON)")
    String query;

    @Option(names = "--max-cost", paramLabel = "USD", description = "cost limit of the request, 0.10 to 10.00 (default: coordinator.max_cost_usd)")
    BigDecimal maxCost;

    @Option(names = "--max-time", paramLabel = "DURATION", description = "time limit of the request, 1s to 300s, e.g. 30s or 2m (default: coordinator.max_execution_time)")
    String maxTime;

    @Option(names = "--context", paramLabel = "TEXT|@FILE", description = "extra context for the planner: text, or @FILE to read a file")
    String context;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "the profile of the planner and the tools for this request (default: coordinator.profile)")
    String profile;

    @Option(names = "--request-id", paramLabel = "ID", description = "the request's id (default: generated)")
    String requestId;

    @Mixin
    OutputOptions output;

    CoordinateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (InterruptGuard guard = InterruptGuard.install()) {
            return call(guard);
        }
    }

    private int call(InterruptGuard guard) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CoordinatorRequest request = new CoordinatorRequest(requestId, query, context(), java.util.Map.of(),
                maxTime == null ? null : Durations.parse(maxTime, "--max-time"), maxCost);
        OutputFormat format = output.resolve(env, true);
        try (Baton baton = env.openBaton()) {
            CoordinatorProgress progress = new CoordinatorProgress(env.colour());
            LiveRunView view = format == OutputFormat.rich
                    ? new LiveRunView(progress::render, out, env.stdoutIsTerminal(), Clock.systemUTC()).start() : null;
            CoordinatorResponse response;
            try {
                var coordinator = profile == null ? baton.coordinator() : baton.coordinator().withProfile(profile);
                response = coordinator.run(request, progress);
            } catch (BatonException e) {
                if (e.code() == ErrorCode.INVALID_REQUEST) throw new UsageException(e.getMessage());
                throw e;
            } finally {
                if (view != null) view.finish();
            }
            print(format, out, response);
            err.println("baton: " + summary(response));
            if (response.artifactDir() != null) err.println("baton: artifacts: " + response.artifactDir());
            if (response.status() == CoordinatorResponse.Status.PARTIAL_SUCCESS) {
                err.println("baton: partial_success: " + response.errors().size() + " job(s) or step(s) did not complete:");
            }
            response.errors().forEach(e -> err.println("baton:   " + e.jobId() + " " + e.tool() + ": " + e.code() + ": " + e.message()));
            err.flush();
            if (Thread.interrupted() || guard.triggered()) return ExitCodes.INTERRUPTED;
            return response.status() == CoordinatorResponse.Status.FAILED ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }

    private String context() {
        if (context == null || !context.startsWith("@")) return context;
        Path file = env.workingDir().resolve(context.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--context: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void print(OutputFormat format, PrintWriter out, CoordinatorResponse r) {
        switch (format) {
            case json -> Json.print(out, CoordinatorResponseJson.write(r));
            case rich -> {
                out.println();
                out.println(r.synthesis());
            }
            case text -> {
                for (JobResult j : r.jobs()) {
                    out.println("[" + j.jobId() + " " + j.tool() + ": " + j.state().wire() + (j.partial() ? ", partial" : "")
                            + ", " + j.duration().toMillis() + " ms, $" + j.costUsd().toPlainString() + "]");
                }
                if (!r.jobs().isEmpty()) out.println();
                out.println(r.synthesis());
            }
        }
        out.flush();
    }

    static String summary(CoordinatorResponse r) {
        CoordinatorResponse.BudgetInfo b = r.budget();
        return r.status().wire() + ", " + Quantity.of(r.jobs().size(), "job") + ", $" + b.costSpentUsd().toPlainString()
                + " of $" + b.costLimitUsd().toPlainString() + " (" + b.costUtilisationPct() + "%)"
                + (b.costExceeded() ? " cost limit reached" : "") + ", " + Duration.ofMillis(b.timeSpentMs()).toMillis() + " ms of "
                + b.timeLimitMs() + " ms" + (b.timeExceeded() ? " time limit reached" : "");
    }
}
