package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.tool.Approver;
import dev.baton.tool.NonInteractiveApprover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton invoke}: runs an ensemble once (or once per line of a {@code --batch} file) and
 * prints the result. Exit codes: 0 when the run completed (also {@code completed_with_errors},
 * unless {@code --strict}), 1 when it failed (no deliverable), 2 for a bad command line or
 * ensemble file, 130 when interrupted (the run is cancelled and recorded as such). Tool calls
 * that need approval are asked on the terminal (stdin and stderr terminals, not {@code -o json},
 * not {@code --batch}), else denied.
 */
@Command(name = "invoke", description = {"Run an ensemble and print its result.",
        "Input: INPUT, else --input, else --input-file, else piped stdin, else the ensemble's default_task."})
final class InvokeCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENSEMBLE", description = "an ensemble name (project, then user tier) or a YAML file")
    String ensemble;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INPUT", description = "the run input")
    String inputArgument;

    @Option(names = "--input", paramLabel = "TEXT", description = "the run input")
    String inputOption;

    @Option(names = "--input-file", paramLabel = "FILE", description = "read the run input from a file")
    Path inputFile;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "at most N agents at once (overrides the ensemble)")
    Integer maxConcurrency;

    @Option(names = "--budget", paramLabel = "USD", description = "spending limit of the run in USD (overrides the ensemble)")
    BigDecimal budget;

    @Option(names = "--no-artifact", description = "do not write execution.json / execution.md")
    boolean noArtifact;

    @Option(names = "--batch", paramLabel = "FILE", description = "JSON Lines of inputs (strings or {\"input\": ...}; - for stdin); prints one JSON line per input")
    String batch;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "with --batch: runs at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--strict", description = "exit 1 when a run completed with errors, too")
    boolean strict;

    @Mixin
    OutputOptions output;

    InvokeCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        // installed first and closed last: a Ctrl-C waits for the cancelled run's artifacts and index entry
        try (InterruptGuard guard = InterruptGuard.install()) {
            return call(guard, err);
        }
    }

    private int call(InterruptGuard guard, PrintWriter err) {
        try (Baton baton = env.openBaton()) {
            Ensembles ensembles = baton.ensembles();
            EnsembleSpec run = load(ensembles, err);
            ensembles.prepare(run); // the usage store and the agents' models open while we read the input
            if (OfflineCheck.usesAutoOffline(baton, run)) err.println(OfflineCheck.MESSAGE);
            err.flush();
            ArtifactReport artifacts = new ArtifactReport();
            RunOptions options = RunOptions.defaults().withMaxConcurrency(maxConcurrency).withBudgetUsd(budget)
                    .withArtifacts(!noArtifact).withOnArtifacts(artifacts);
            if (batch == null && interactive()) options = options.withApprover(TerminalApprover.forCommand(env, false, err));
            return batch != null ? runBatch(ensembles, run, options, artifacts, guard) : runOnce(ensembles, run, options, artifacts, guard);
        }
    }

    /** The ensemble; its definition problems are thrown. */
    private EnsembleSpec load(Ensembles ensembles, PrintWriter err) {
        ProblemReport report = new ProblemReport(env.workingDir());
        Path file = Lookup.locate(ensembles, ensemble);
        EnsembleSpec loaded;
        try {
            loaded = ensembles.load(file.toString());
        } catch (EnsembleDefinitionException e) {
            throw new DefinitionProblemsException(report.display(file),
                    report.display(file) + ": " + e.problems().size() + " problem(s):", e.problems(), report);
        }
        err.println("baton: ensemble " + loaded.name() + " (" + report.display(file) + "), " + Quantity.of(loaded.agents().size(), "agent"));
        return loaded;
    }

    private void checkOptions() {
        if (maxConcurrency != null && maxConcurrency < 1) throw new UsageException("--max-concurrency must be at least 1");
        if (budget != null && budget.signum() <= 0) throw new UsageException("--budget must be more than 0");
        if (parallel < 1) throw new UsageException("--parallel must be at least 1");
        if (batch != null && (inputArgument != null || inputOption != null || inputFile != null)) {
            throw new UsageException("--batch takes its inputs from the file; drop INPUT, --input and --input-file");
        }
    }

    private int runOnce(Ensembles ensembles, EnsembleSpec run, RunOptions options, ArtifactReport artifacts,
                        InterruptGuard guard) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunInput input = RunInput.resolve(inputArgument, inputOption, inputFile, env);
        if (input.text() == null && run.defaultTask() == null) {
            throw new UsageException("no input: give INPUT, --input, --input-file or pipe it in ("
                    + run.name() + " has no default_task)");
        }
        err.println("baton: input from " + input.source());
        err.flush();
        OutputFormat format = output.resolve(env, true);
        RunProgress progress = new RunProgress(run);
        LiveRunView view = format == OutputFormat.rich ? new LiveRunView(progress,
                new RunTreeRenderer(columns(), env.colour()), out, env.stdoutIsTerminal(), Clock.systemUTC()).start() : null;
        if (view != null && !(options.approver() instanceof NonInteractiveApprover)) {
            Approver asking = options.approver();
            options = options.withApprover(request -> view.paused(() -> asking.decide(request)));
        }
        RunResult result;
        try {
            result = ensembles.run(run, input.text(), options, progress).await();
        } finally {
            if (view != null) view.finish();
        }
        boolean interrupted = Thread.interrupted() || guard.triggered();
        switch (format) {
            case json -> Json.print(out, RunResultJson.write(result));
            case text -> RunPrinter.text(out, result);
            case rich -> {
                out.println();
                RunPrinter.deliverable(out, result);
            }
        }
        err.println("baton: " + RunPrinter.summary(result));
        artifacts.print(err, List.of(result));
        return interrupted ? ExitCodes.INTERRUPTED : exitCode(List.of(result));
    }

    private int runBatch(Ensembles ensembles, EnsembleSpec run, RunOptions options, ArtifactReport artifacts,
                         InterruptGuard guard) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> inputs = BatchInputs.read(batch, env);
        err.println("baton: batch of " + inputs.size() + " input(s), " + parallel + " at once");
        err.flush();
        List<RunResult> results = ensembles.runBatch(run, inputs, parallel, options, line -> {
            out.println(line);
            out.flush();
        });
        boolean interrupted = Thread.interrupted() || guard.triggered();
        err.println("baton: " + RunPrinter.batchSummary(results, inputs.size()));
        if (artifacts.count() > 0) {
            err.println("baton: artifacts: " + artifacts.count() + " run(s) under " + ensembles.artifacts().root());
        }
        artifacts.print(err, List.of());
        return interrupted || results.size() < inputs.size() ? ExitCodes.INTERRUPTED : exitCode(results);
    }

    /**
     * Whether a person can answer tool approvals: stdin and stderr are terminals and the output is
     * not JSON. Otherwise calls that need approval are denied (and the denial says what allows them).
     */
    private boolean interactive() {
        return TerminalApprover.canAsk(env, output.resolve(env, true) == OutputFormat.json);
    }

    private int exitCode(List<RunResult> results) {
        boolean cancelled = results.stream().anyMatch(r -> r.status() == RunStatus.CANCELLED);
        boolean failed = results.stream().anyMatch(r -> r.status() == RunStatus.FAILED
                || (strict && r.status() == RunStatus.COMPLETED_WITH_ERRORS));
        return cancelled ? ExitCodes.INTERRUPTED : failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private int columns() {
        try {
            return Integer.parseInt(env.env().getOrDefault("COLUMNS", "80").strip());
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
