package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.operation.OperationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton ops validate}: every problem of every operation definition at once — syntax, keys,
 * types, schemas, prompt placeholders, profiles and ensembles they name — each with file, line,
 * operation and field. Exit 2 when there is any problem.
 */
@Command(name = "validate", description = "Check every operation definition and report every problem at once (exit 2 if any).")
final class OpsValidateCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    OpsValidateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        List<OperationProblem> problems;
        int operations;
        try (Baton baton = env.openBaton()) {
            problems = baton.operations().validate();
            operations = (int) baton.operations().list().stream().filter(e -> !e.shadowed()).count();
        }
        PrintWriter out = spec.commandLine().getOut();
        ProblemReport report = new ProblemReport(env.workingDir());
        if (output.resolve(env, false) == OutputFormat.json) {
            Json.print(out, new OpsJson.Validation(problems.isEmpty(), operations,
                    problems.stream().map(p -> OpsJson.Problem.of(p, report)).toList()));
        } else {
            for (OperationProblem p : problems) {
                out.println(new OperationProblem(report.display(p.file()), p.operation(), p.line(), p.field(), p.message()));
            }
            out.println(Quantity.of(operations, "operation") + " loaded, " + Quantity.of(problems.size(), "problem"));
            out.flush();
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
}
