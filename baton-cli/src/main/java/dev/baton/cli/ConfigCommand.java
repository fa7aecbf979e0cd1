package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.Baton;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigSources;
import dev.baton.config.ProfileResolver;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.Ensembles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code baton config check}: what configuration Baton reads, from where, and what is wrong with it. */
@Command(name = "config", description = "Inspect the configuration Baton reads (Baton's and llm-orc's files).",
        subcommands = {ConfigCommand.CheckCmd.class})
final class ConfigCommand extends CommandGroup {

    /**
     * Every configuration file read (Baton's and llm-orc's), every profile with the file and line
     * it came from (and the definitions it replaced), the llm-orc profiles Baton cannot use, every
     * ensemble with its file and problems. Exit 2 when there is any problem.
     */
    @Command(name = "check", description = "List every config file, profile and ensemble with its source, and every problem (exit 2 if any).")
    static final class CheckCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        CheckCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            ProblemReport report = new ProblemReport(env.workingDir());
            CheckJson result;
            try (Baton baton = env.openBaton()) {
                result = check(baton, report);
            } catch (ConfigException e) {
                // the configuration does not load at all: that is the one problem to show
                result = new CheckJson(false, 1, List.of(), List.of(), List.of(), List.of(), List.of(e.getMessage()), List.of());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.resolve(env, false) == OutputFormat.json) Json.print(out, result);
            else printText(out, result);
            return result.ok() ? ExitCodes.OK : ExitCodes.USAGE;
        }

        private CheckJson check(Baton baton, ProblemReport report) {
            ProfileResolver profiles = baton.profiles();
            ConfigSources sources = profiles.sources();
            List<FileJson> files = sources.files().stream().map(f -> new FileJson(report.display(f.path()), f.tier())).toList();
            List<ProfileRow> rows = new ArrayList<>();
            for (Map.Entry<String, BatonConfig.ProfileConfig> e : profiles.config().profiles().entrySet()) {
                var origin = sources.origin(e.getKey());
                rows.add(new ProfileRow(e.getKey(), e.getValue().provider(), e.getValue().model(),
                        origin.map(o -> display(report, o)).orElse(null), origin.map(ConfigSources.ProfileDefinition::tier).orElse(null),
                        sources.overridden(e.getKey()).stream().map(o -> display(report, o)).toList()));
            }
            List<String> problems = new ArrayList<>();
            List<UnusableJson> unusable = new ArrayList<>();
            profiles.unusable().forEach((name, why) -> {
                unusable.add(new UnusableJson(name, why));
                problems.add(why);
            });
            List<EnsembleJson> ensembles = new ArrayList<>();
            Ensembles service = baton.ensembles();
            for (EnsembleEntry entry : service.list()) {
                List<Problem> found = entry.shadowed() ? List.of() : service.validate(entry.file());
                found.forEach(p -> problems.add(report.line(p)));
                ensembles.add(new EnsembleJson(entry.name(), report.display(entry.file()), entry.tier().label(),
                        entry.shadowed(), found.stream().map(p -> ProblemJson.of(p, report)).toList()));
            }
            return new CheckJson(problems.isEmpty(), problems.size(), files, rows, unusable, ensembles, problems,
                    sources.warnings());
        }

        private static String display(ProblemReport report, ConfigSources.ProfileDefinition d) {
            return report.display(d.file()) + (d.line() > 0 ? ":" + d.line() : "");
        }

        private static void printText(PrintWriter out, CheckJson r) {
            out.println("Configuration files (lowest first):");
            if (r.files().isEmpty()) out.println("  (none)");
            r.files().forEach(f -> out.printf("  %-13s %s%n", f.tier(), f.path()));
            out.println("Profiles:");
            Table profiles = new Table("PROFILE", "MODEL", "SOURCE");
            for (ProfileRow p : r.profiles()) {
                String source = p.source() == null ? "config" : p.source();
                if (!p.overrides().isEmpty()) source += " (over " + String.join(", ", p.overrides()) + ")";
                profiles.row(p.name(), p.provider() + "/" + p.model(), source);
            }
            profiles.print(out);
            if (!r.unusable().isEmpty()) {
                out.println("Unusable profiles:");
                r.unusable().forEach(u -> out.println("  " + u.message()));
            }
            out.println("Ensembles:");
            int width = r.ensembles().stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (EnsembleJson e : r.ensembles()) {
                String where = e.file() + " (" + e.tier() + (e.shadowed() ? ", shadowed" : "") + ")";
                String name = e.name() + " ".repeat(width - e.name().length());
                if (e.problems().isEmpty()) out.println("  ok       " + name + "  " + where);
                else {
                    out.println("  INVALID  " + name + "  " + where);
                    e.problems().forEach(p -> out.println("    " + p.message()));
                }
            }
            r.warnings().forEach(w -> out.println("warning: " + w));
            if (r.ensembles().isEmpty() && r.profiles().isEmpty() && !r.problemList().isEmpty()) {
                r.problemList().forEach(p -> out.println("problem: " + p));
            }
            out.println(Quantity.of(r.problems(), "problem"));
            out.flush();
        }
    }

    /** {@code config check -o json}. */
    record CheckJson(boolean ok, int problems, List<FileJson> files, List<ProfileRow> profiles,
                     List<UnusableJson> unusable, List<EnsembleJson> ensembles,
                     @JsonProperty("problem_list") List<String> problemList,
                     List<String> warnings) {
    }

    /** A configuration file read and its tier. */
    record FileJson(String path, String tier) {
    }

    /** A usable profile, where it was defined ({@code file:line}) and the definitions it replaced. */
    record ProfileRow(String name, String provider, String model, String source, String tier, List<String> overrides) {
    }

    /** An llm-orc profile Baton cannot use, with why. */
    record UnusableJson(String name, String message) {
    }

    /** An ensemble, its file and tier, whether a same-named one of an earlier tier hides it, and its problems. */
    record EnsembleJson(String name, String file, String tier, boolean shadowed, List<ProblemJson> problems) {
    }
}
