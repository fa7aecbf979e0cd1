package dev.baton.cli;

import dev.baton.Baton;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code baton ensembles list|show|validate|create}. */
@Command(name = "ensembles", description = "List, show, validate and create ensembles.",
        subcommands = {EnsemblesCommand.ListCmd.class, EnsemblesCommand.ShowCmd.class, EnsembleValidateCommand.class,
                EnsembleCreateCommand.class})
final class EnsemblesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What {@code list} and {@code show} say about an agent: its kind and what it uses. */
    static String uses(AgentSpec a) {
        return switch (a.kind()) {
            case AgentKind.Script s -> s.script().contains("\n") || s.script().length() > 40 ? "inline shell" : s.script();
            case AgentKind.Ensemble e -> e.ensemble();
            case AgentKind.Loop l -> l.loop().body() + " (≤ " + l.loop().maxIterations() + "×)";
            case AgentKind.Llm l -> l.modelProfile() != null ? l.modelProfile() : l.provider() + "/" + l.model();
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
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Path> dirs;
            try (Baton baton = env.openBaton()) {
                Ensembles ensembles = baton.ensembles();
                dirs = ensembles.directories();
                for (EnsembleEntry e : ensembles.list()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", e.name());
                    row.put("description", e.spec() == null ? "" : e.spec().description());
                    row.put("agents", e.spec() == null ? 0 : e.spec().agents().size());
                    row.put("tests", e.spec() == null ? 0 : e.spec().tests().size());
                    row.put("tier", e.tier().label());
                    row.put("file", report.display(e.file()));
                    row.put("problems", e.problems().size());
                    // a file that could not be read or parsed at all says why right in the list
                    if (e.spec() == null) row.put("error", report.line(e.problems().getFirst()));
                    row.put("shadowed", e.shadowed());
                    rows.add(row);
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
            for (Map<String, Object> r : rows) {
                int problems = (Integer) r.get("problems");
                String desc = r.containsKey("error") ? "INVALID: " + r.get("error")
                        : problems > 0 ? "INVALID (" + problems + " problem(s); baton ensembles validate " + r.get("name") + ")"
                        : (Boolean) r.get("shadowed") ? "(shadowed by the project's) " + r.get("description") : (String) r.get("description");
                table.row(r.get("name"), r.get("agents"), r.get("tests"), r.get("tier"), desc);
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
                report.print(err, parsed.problems());
                return ExitCodes.USAGE;
            }
            Map<String, Object> json = describe(parsed.spec(), report.display(file), parsed.tier().label());
            if (output.resolve(env, false) == OutputFormat.json) Json.print(out, json);
            else printText(out, parsed.spec(), json);
            if (!parsed.ok()) {
                err.println("baton: " + Quantity.of(parsed.problems().size(), "problem") + " in " + report.display(file)
                        + "; see: baton ensembles validate " + ensemble);
                err.flush();
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> describe(EnsembleSpec s, String file, String tier) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("file", file);
            m.put("tier", tier);
            m.put("description", s.description());
            m.put("default_task", s.defaultTask());
            m.put("max_concurrency", s.maxConcurrency());
            m.put("budget", s.budget() == null ? null : budget(s));
            m.put("deliverable", s.deliverable());
            List<Map<String, Object>> agents = new ArrayList<>();
            for (AgentSpec a : s.agents()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("name", a.name());
                am.put("kind", kind(a));
                am.put("uses", uses(a));
                am.put("depends_on", a.dependsOn());
                if (a.fanOut()) am.put("fan_out", true);
                if (a.when() != null) am.put("when", a.when().toString());
                if (a.fallbackModelProfile() != null) am.put("fallback_model_profile", a.fallbackModelProfile());
                agents.add(am);
            }
            m.put("agents", agents);
            m.put("tests", s.tests().stream().map(EnsembleTestCase::name).toList());
            return m;
        }

        private static Map<String, Object> budget(EnsembleSpec s) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("usd", s.budget().usd());
            b.put("tokens", s.budget().tokens());
            return b;
        }

        private static void printText(PrintWriter out, EnsembleSpec s, Map<String, Object> json) {
            out.println(s.name() + "  (" + json.get("file") + ", " + json.get("tier") + ")");
            if (!s.description().isBlank()) out.println(s.description().strip());
            if (s.defaultTask() != null) out.println("default_task: " + s.defaultTask().strip());
            List<String> settings = new ArrayList<>();
            if (s.maxConcurrency() != null) settings.add("max_concurrency " + s.maxConcurrency());
            if (s.budget() != null && s.budget().usd() != null) settings.add("budget $" + s.budget().usd().toPlainString());
            if (s.budget() != null && s.budget().tokens() != null) settings.add("budget " + s.budget().tokens() + " tokens");
            if (s.deliverable() != null) settings.add("deliverable " + s.deliverable());
            if (!settings.isEmpty()) out.println(String.join(" · ", settings));
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
