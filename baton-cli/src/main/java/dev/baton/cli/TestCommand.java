package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.TestOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton test ENSEMBLE... | --all}: runs the ensembles' {@code tests:} cases offline, LLM
 * agents answering with the scripted replies of each case (script agents run for real). Exit 0
 * when every case passes, 1 when any fails, 2 when an ensemble does not load (or has no tests
 * when named explicitly).
 */
@Command(name = "test", description = "Run ensembles' tests: blocks offline on scripted replies (exit 1 on any failure).")
final class TestCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..*", paramLabel = "ENSEMBLE", description = "ensemble names or YAML files")
    List<String> targets = new ArrayList<>();

    @Option(names = "--all", description = "every ensemble of the project and user tiers that has tests")
    boolean all;

    TestCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (targets.isEmpty() && !all) throw new UsageException("test: give ENSEMBLE, or --all");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProblemReport problems = new ProblemReport(env.workingDir());
        List<TestReport.EnsembleOutcome> outcomes = new ArrayList<>();
        try (Baton baton = env.openBaton()) {
            Ensembles ensembles = baton.ensembles();
            for (Path file : files(ensembles)) {
                TestOutcome o = ensembles.test(file);
                String shown = problems.display(file);
                if (o.hasNoTests()) {
                    if (!all || targets.contains(o.name())) throw new UsageException("test: " + shown + " has no tests: block");
                    continue;
                }
                outcomes.add(new TestReport.EnsembleOutcome(o.name() != null ? o.name() : shown, shown, o.results(), o.problems()));
            }
        }
        TestReport report = new TestReport(env.colour(), problems);
        if (output.resolve(env, false) == OutputFormat.json) Json.print(out, report.json(outcomes));
        else if (outcomes.isEmpty()) err.println("baton: no ensemble has a tests: block");
        else report.printText(out, outcomes);
        err.flush();
        if (outcomes.stream().anyMatch(o -> !o.problems().isEmpty())) return ExitCodes.USAGE;
        return outcomes.stream().allMatch(TestReport.EnsembleOutcome::passed) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private List<Path> files(Ensembles ensembles) {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        for (String t : targets) files.add(Lookup.locate(ensembles, t));
        if (all) ensembles.list().forEach(e -> files.add(e.file()));
        return List.copyOf(files);
    }
}
