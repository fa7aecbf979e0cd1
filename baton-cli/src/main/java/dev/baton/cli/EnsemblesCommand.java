package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.EnsembleJson;
import dev.baton.ensemble.EnsembleListingJson;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.Ensembles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton ensembles list|show|validate|create}. */
@Command(name = "ensembles", description = "List, show, validate and create ensembles.",
        subcommands = {EnsemblesCommand.ListCmd.class, EnsemblesCommand.ShowCmd.class, EnsembleValidateCommand.class,
                EnsembleCreateCommand.class})
final class EnsemblesCommand extends CommandGroup {

    /** What {@code list} and {@code show} say about an agent: its kind and what it uses. */
    static String uses(AgentSpec a) {
        return switch (a.kind()) {
            case AgentKind.Script s -> s.script().contains("\n") || s.script().length() > 40 ? "inline shell" : s.script();
            case AgentKind.Ensemble e -> e.ensemble();
            case AgentKind.Loop l -> l.loop().body() + " (≤ " + l.loop().maxIterations() + "×)";
            case AgentKind.Llm l -> l.modelProfile() != null ? l.modelProfile() : l.provider() + "/" + l.model();
            case AgentKind.Dispatch d -> "dispatch " + d.target();
            case AgentKind.Custom c -> c.kind();
        };
    }

    static String kind(AgentSpec a) {
        return a.kind().name();
    }

    @Command(name = "list", description = "List the ensembles of the project and user tiers.")
    static final class ListCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ProblemReport report = new ProblemReport(env.workingDir());
            List<EnsembleListingJson> rows = new ArrayList<>();
            List<Path> dirs;
            try (Baton baton = env.openBaton()) {
                Ensembles ensembles = baton.ensembles();
                dirs = ensembles.directories();
                for (EnsembleEntry e : ensembles.list()) {
                    // a file that could not be read or parsed at all says why right in the list
                    rows.add(new EnsembleListingJson(e.name(), e.spec() == null ? "" : e.spec().description(),
                            e.spec() == null ? 0 : e.spec().agents().size(), e.spec() == null ? 0 : e.spec().tests().size(),
                            e.tier().label(), report.display(e.file()), e.problems().size(),
                            e.spec() == null ? report.line(e.problems().getFirst()) : null, e.shadowed()));
                }
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, rows);
                return ExitCodes.OK;
            }
            if (rows.isEmpty()) {
                out.println("no ensembles in " + dirs + " (create one: baton ensembles create NAME)");
                out.flush();
                return ExitCodes.OK;
            }
            Table table = new Table("NAME", "AGENTS", "TESTS", "TIER", "DESCRIPTION");
            for (EnsembleListingJson r : rows) {
                String desc = r.error() != null ? "INVALID: " + r.error()
                        : r.problems() > 0 ? "INVALID (" + r.problems() + " problem(s); baton ensembles validate " + r.name() + ")"
                        : r.shadowed() ? "(shadowed by the project's) " + r.description() : r.description();
                table.row(r.name(), r.agents(), r.tests(), r.tier(), desc);
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show an ensemble: settings, agents and their dependencies, tests.")
    static final class ShowCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "ENSEMBLE", description = "an ensemble name or a YAML file")
        String ensemble;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ProblemReport report = new ProblemReport(env.workingDir());
            Path file;
            EnsembleEntry parsed;
            try (Baton baton = env.openBaton()) {
                Ensembles ensembles = baton.ensembles();
                file = Lookup.locate(ensembles, ensemble);
                parsed = ensembles.read(file);
            }
            if (parsed.spec() == null) {
                throw new DefinitionProblemsException(report.display(file), null, parsed.problems(), report);
            }
            EnsembleJson json = describe(parsed.spec(), report.display(file), parsed.tier().label());
            if (output.resolve(env, false) == OutputFormat.json) Json.print(out, json);
            else printText(out, parsed.spec(), json);
            if (!parsed.ok()) {
                err.println("baton: " + Quantity.of(parsed.problems().size(), "problem") + " in " + report.display(file)
                        + "; see: baton ensembles validate " + ensemble);
                err.flush();
            }
            return ExitCodes.OK;
        }

        private static EnsembleJson describe(EnsembleSpec s, String file, String tier) {
            List<EnsembleJson.Agent> agents = new ArrayList<>();
            for (AgentSpec a : s.agents()) {
                agents.add(new EnsembleJson.Agent(a.name(), kind(a), uses(a), a.dependsOn(), a.fanOut() ? Boolean.TRUE : null,
                        a.when() == null ? null : a.when().toString(), a.fallbackModelProfile()));
            }
            return new EnsembleJson(s.name(), file, tier, s.description(), s.defaultTask(), s.maxConcurrency(),
                    s.budget() == null ? null : new EnsembleJson.Budget(s.budget().usd(), s.budget().tokens()),
                    s.deliverable(), agents, s.tests().stream().map(EnsembleTestCase::name).toList(),
                    EnsembleJson.llmOrc(s.orc()));
        }

        private static void printText(PrintWriter out, EnsembleSpec s, EnsembleJson json) {
            out.println(s.name() + "  (" + json.file() + ", " + json.tier() + ")");
            if (!s.description().isBlank()) out.println(s.description().strip());
            if (s.defaultTask() != null) out.println("default_task: " + s.defaultTask().strip());
            List<String> settings = new ArrayList<>();
            if (s.maxConcurrency() != null) settings.add("max_concurrency " + s.maxConcurrency());
            if (s.budget() != null && s.budget().usd() != null) settings.add("budget $" + s.budget().usd().toPlainString());
            if (s.budget() != null && s.budget().tokens() != null) settings.add("budget " + s.budget().tokens() + " tokens");
            if (s.deliverable() != null) settings.add("deliverable " + s.deliverable());
            if (!settings.isEmpty()) out.println(String.join(" · ", settings));
            OrcKeysText.print(out, s.orc());
            out.println();
            Table table = new Table("AGENT", "KIND", "USES", "DEPENDS ON");
            for (AgentSpec a : s.agents()) {
                String deps = String.join(", ", a.dependsOn()) + (a.fanOut() ? " (fan-out)" : "")
                        + (a.when() != null ? " when " + a.when() : "");
                table.row(a.name(), kind(a), uses(a), deps);
            }
            table.print(out);
            if (!s.tests().isEmpty()) {
                out.println();
                out.println("tests: " + String.join(", ", s.tests().stream().map(EnsembleTestCase::name).toList()));
            }
            out.flush();
        }
    }
}
