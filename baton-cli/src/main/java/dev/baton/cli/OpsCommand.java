package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationProblem;
import dev.baton.operation.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code baton ops list|show|run|validate}: the operations ({@code feature.operation}) of the Java
 * handlers, the project's {@code .baton/operations/} and the user tier's {@code operations/}.
 */
@Command(name = "ops", description = "List, show, run and validate operations (feature.operation: .baton/operations/*.yaml, then the user tier).",
        subcommands = {OpsCommand.ListCmd.class, OpsCommand.ShowCmd.class, OpsRunCommand.class, OpsValidateCommand.class})
final class OpsCommand extends CommandGroup {

    /** The entry of {@code id}; an unknown one is a usage error (exit 2) keeping its code. */
    static OperationEntry find(Operations ops, String id) {
        try {
            ops.find(id);
        } catch (BatonException e) {
            throw unknown(e);
        }
        return ops.list().stream().filter(e -> !e.shadowed() && e.id().equals(id)).findFirst()
                .orElseThrow(() -> UsageException.notFound("no operation " + id));
    }

    /** An unknown feature or operation named on the command line: exit 2, its own code; anything else unchanged. */
    static RuntimeException unknown(BatonException e) {
        if (e.code() == ErrorCode.UNKNOWN_FEATURE || e.code() == ErrorCode.UNKNOWN_OPERATION) {
            return new UsageException(e.code(), e.getMessage());
        }
        return e;
    }

    /** Definition problems are not this command's failure: one warning line pointing at {@code ops validate}. */
    static void warnProblems(PrintWriter err, List<OperationProblem> problems) {
        if (problems.isEmpty()) return;
        err.println("baton: warning: " + Quantity.of(problems.size(), "problem") + " in operation definitions"
                + " (operations with problems are left out; see: baton ops validate)");
        err.flush();
    }

    @Command(name = "list", description = "List the operations: Java handlers, then the project tier, then the user tier.")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ProblemReport report = new ProblemReport(env.workingDir());
            List<OperationEntry> entries;
            List<OperationProblem> problems;
            try (Baton baton = env.openBaton()) {
                entries = baton.operations().list();
                problems = baton.operations().problems();
            }
            warnProblems(spec.commandLine().getErr(), problems);
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, entries.stream().map(e -> OpsJson.Listed.of(e, report)).toList());
                return;
            }
            if (entries.isEmpty()) {
                spec.commandLine().getErr().println("no operations in .baton/operations or the user tier"
                        + " (add some with: baton library browse --kind operation)");
                spec.commandLine().getErr().flush();
                return;
            }
            Table table = new Table("ID", "MODE", "SOURCE", "DESCRIPTION");
            for (OperationEntry e : entries) {
                table.row(e.id(), e.definition().mode().label(), e.shadowed() ? e.source() + " (shadowed)" : e.source(),
                        e.definition().description());
            }
            table.print(out);
        }
    }

    @Command(name = "show", description = "Show one operation: mode, source, prompt template and both schemas.")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "FEATURE.OPERATION", description = "the operation's id")
        String id;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            OpsJson.Shown shown;
            try (Baton baton = env.openBaton()) {
                shown = OpsJson.Shown.of(find(baton.operations(), id), new ProblemReport(env.workingDir()));
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, shown);
                return;
            }
            out.println(shown.id() + " (" + shown.mode() + ", " + shown.source()
                    + (shown.file() == null ? "" : " " + shown.file() + ":" + shown.line()) + ")");
            if (!shown.description().isBlank()) out.println("  " + shown.description());
            out.println(shown.profile() != null ? "profile: " + shown.profile() : "ensemble: " + shown.ensemble());
            if (shown.system() != null) out.println("system: " + shown.system().strip());
            out.println("prompt:");
            shown.prompt().strip().lines().forEach(l -> out.println("  " + l));
            out.println("input schema:");
            out.println(indent(Json.MAPPER.writeValueAsString(shown.inputSchema())));
            out.println("response schema:");
            out.println(indent(Json.MAPPER.writeValueAsString(shown.responseSchema())));
            out.flush();
        }

        private static String indent(String text) {
            return text.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n"));
        }
    }
}
