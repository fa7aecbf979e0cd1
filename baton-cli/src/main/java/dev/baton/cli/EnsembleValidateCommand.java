package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.Scripts;
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
 * {@code baton ensembles validate NAME|FILE... | --all}: every problem of each ensemble at once
 * (syntax, keys, graph, profiles against the configuration, scripts, child ensembles, tests),
 * each with file, line and agent. Exit 2 when there is any problem.
 */
@Command(name = "validate", description = "Check ensembles and report every problem at once (exit 2 if any).")
final class EnsembleValidateCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..*", paramLabel = "NAME|FILE", description = "ensemble names or YAML files")
    List<String> targets = new ArrayList<>();

    @Option(names = "--all", description = "every ensemble of the project and user tiers")
    boolean all;

    EnsembleValidateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (targets.isEmpty() && !all) throw new UsageException("validate: give NAME or FILE, or --all");
        PrintWriter out = spec.commandLine().getOut();
        ProblemReport report = new ProblemReport(env.workingDir());
        List<Checked> results = new ArrayList<>();
        int problemCount = 0;
        try (Baton baton = env.openBaton()) {
            Ensembles ensembles = baton.ensembles();
            for (Path file : files(ensembles)) {
                List<Problem> problems = ensembles.validate(file);
                problemCount += problems.size();
                EnsembleEntry parsed = ensembles.read(file);
                results.add(new Checked(report.display(file), parsed.spec() == null ? null : parsed.spec().name(), problems));
                if (problems.isEmpty()) warnScriptParameters(file, parsed, report, ensembles.scripts());
            }
        }
        boolean json = output.resolve(env, false) == OutputFormat.json;
        if (json) {
            Json.print(out, new ValidationJson(problemCount == 0, problemCount,
                    results.stream().map(c -> c.json(report)).toList()));
        } else {
            printText(out, results, problemCount, report);
        }
        return problemCount == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Not a problem (the script may read more than it documents), so a warning that keeps exit 0. */
    private void warnScriptParameters(Path file, EnsembleEntry parsed, ProblemReport report, Scripts scripts) {
        if (parsed.spec() == null) return;
        PrintWriter err = spec.commandLine().getErr();
        for (String w : ScriptParameters.check(parsed.spec(), scripts)) {
            err.println("baton: warning: " + report.display(file) + ": " + w);
        }
        err.flush();
    }

    private List<Path> files(Ensembles ensembles) {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        for (String t : targets) files.add(Lookup.locate(ensembles, t));
        if (all) ensembles.list().forEach(e -> files.add(e.file()));
        if (files.isEmpty()) throw new UsageException("validate --all: no ensembles in " + ensembles.directories());
        return List.copyOf(files);
    }

    /** One checked file: its display name, ensemble name (null when it does not parse) and problems. */
    private record Checked(String file, String name, List<Problem> problems) {
        ValidationJson.Ensemble json(ProblemReport report) {
            return new ValidationJson.Ensemble(file, name, problems.isEmpty(),
                    problems.stream().map(p -> ProblemJson.of(p, report)).toList());
        }
    }

    /** {@code ensembles validate -o json}: whether all are valid, the problem count, and each file checked. */
    record ValidationJson(boolean valid, int problems, List<Ensemble> ensembles) {
        /** One file: its name as shown, the ensemble's name (null when it does not parse), its problems. */
        record Ensemble(String file, String name, boolean valid, List<ProblemJson> problems) {
        }
    }

    private static void printText(PrintWriter out, List<Checked> results, int problemCount, ProblemReport report) {
        for (Checked c : results) {
            if (c.problems().isEmpty()) {
                out.println("ok       " + c.file() + (c.name() == null ? "" : " (" + c.name() + ")"));
            } else {
                out.println("INVALID  " + c.file() + ": " + Quantity.of(c.problems().size(), "problem"));
                c.problems().forEach(p -> out.println("  " + report.line(p)));
            }
        }
        out.println(Quantity.of(results.size(), "ensemble") + " checked, " + Quantity.of(problemCount, "problem"));
        out.flush();
    }
}
