package dev.baton.cli;

import dev.baton.ensemble.EngineOptions;
import dev.baton.ensemble.EnsembleDefinitionException;
import dev.baton.ensemble.EnsembleLoader;
import dev.baton.ensemble.EnsembleParser;
import dev.baton.ensemble.EnsembleSpec;
import dev.baton.ensemble.EnsembleTestRunner;
import dev.baton.ensemble.Problem;
import dev.baton.ensemble.TestCaseResult;
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
import java.util.Map;
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
        EnsembleWorkspace ws = new EnsembleWorkspace(env.paths());
        ProblemReport problems = new ProblemReport(env.workingDir());
        EnsembleLoader loader = ws.loader(null);
        EngineOptions base = ws.engineOptions(new ScriptedAgentModels(Map.of())).build();
        EnsembleTestRunner runner = new EnsembleTestRunner(base, ScriptedAgentModels::new);
        List<TestReport.EnsembleOutcome> outcomes = new ArrayList<>();
        for (Path file : files(ws)) {
            TestReport.EnsembleOutcome o = run(file, loader, runner, problems);
            if (o.problems().isEmpty() && o.results().isEmpty()) {
                if (!all || targets.contains(o.name())) throw new UsageException("test: " + o.file() + " has no tests: block");
                continue;
            }
            outcomes.add(o);
        }
        TestReport report = new TestReport(env.colour(), problems);
        if (output.resolve(env, false) == OutputFormat.json) Json.print(out, report.json(outcomes));
        else if (outcomes.isEmpty()) err.println("baton: no ensemble has a tests: block");
        else report.printText(out, outcomes);
        err.flush();
        if (outcomes.stream().anyMatch(o -> !o.problems().isEmpty())) return ExitCodes.USAGE;
        return outcomes.stream().allMatch(TestReport.EnsembleOutcome::passed) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private List<Path> files(EnsembleWorkspace ws) {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        for (String t : targets) files.add(ws.locate(t));
        if (all) {
            for (EnsembleParser.Parsed p : ws.catalog().listAll()) {
                files.add(p.spec() != null && p.spec().source() != null ? p.spec().source()
                        : Path.of(p.problems().getFirst().file()));
            }
        }
        return List.copyOf(files);
    }

    private static TestReport.EnsembleOutcome run(Path file, EnsembleLoader loader, EnsembleTestRunner runner,
                                                  ProblemReport problems) {
        String shown = problems.display(file);
        EnsembleSpec spec;
        try {
            spec = loader.load(file);
        } catch (EnsembleDefinitionException e) {
            EnsembleParser.Parsed parsed = EnsemblesCommand.parse(file);
            String name = parsed.spec() != null ? parsed.spec().name() : shown;
            return new TestReport.EnsembleOutcome(name, shown, List.of(), e.problems());
        }
        List<TestCaseResult> results = runner.run(spec);
        return new TestReport.EnsembleOutcome(spec.name(), shown, results, List.<Problem>of());
    }
}
