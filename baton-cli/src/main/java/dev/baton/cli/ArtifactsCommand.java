package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.artifact.RunListingJson;
import dev.baton.artifact.StoredRun;
import dev.baton.ensemble.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code baton artifacts list|show|cleanup|delete}: the runs {@code baton invoke} recorded. */
@Command(name = "artifacts", description = "List, show, clean up and delete recorded ensemble runs.",
        subcommands = {ArtifactsCommand.ListCmd.class, ArtifactsCommand.ShowCmd.class, ArtifactsCommand.CleanupCmd.class,
                ArtifactsCommand.DeleteCmd.class})
final class ArtifactsCommand extends CommandGroup {

    @Command(name = "list", description = "List recorded runs, newest first.")
    static final class ListCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(arity = "0..1", paramLabel = "ENSEMBLE", description = "only this ensemble's runs")
        String ensemble;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N runs (default: ${DEFAULT-VALUE})")
        int limit;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RunListingJson> rows = new ArrayList<>();
            try (Baton baton = env.openBaton()) {
                baton.ensembles().artifacts().list(ensemble, limit).forEach(run -> rows.add(RunListingJson.of(run)));
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, rows);
                return ExitCodes.OK;
            }
            if (rows.isEmpty()) {
                out.println("no recorded runs" + (ensemble == null ? "" : " of " + ensemble));
                out.flush();
                return ExitCodes.OK;
            }
            Table table = new Table("ENSEMBLE", "EXECUTION", "STATUS", "DURATION", "TOKENS", "COST", "DELIVERABLE");
            for (RunListingJson r : rows) {
                table.row(r.ensemble(), r.execution(), r.status(), RunTreeRenderer.elapsed(Duration.ofMillis(r.durationMs())),
                        r.totalTokens(), RunTreeRenderer.cost(r.costUsd()).strip(), r.deliverable());
            }
            table.print(out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one recorded run: execution.md as text, execution.json with -o json.")
    static final class ShowCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "ENSEMBLE", description = "the ensemble whose run to show")
        String ensemble;
        @Option(names = "--execution", paramLabel = "TS|latest", defaultValue = "latest",
                description = "the run's directory name (yyyyMMdd-HHmmss-SSS) or latest (default)")
        String execution;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<StoredRun> stored;
            try (Baton baton = env.openBaton()) {
                stored = baton.ensembles().artifacts().show(ensemble, execution);
            }
            StoredRun run = stored.orElseThrow(() -> UsageException.notFound(
                    "no recorded run " + execution + " of ensemble '" + ensemble + "' (see: baton artifacts list " + ensemble + ")"));
            err.println("baton: " + run.ref().dir());
            err.flush();
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, run.json());
            } else if (run.markdown() != null) {
                out.print(run.markdown()); // team mode: the store's copy, whichever replica ran it
                out.flush();
            } else if (Files.isRegularFile(run.ref().executionMarkdown())) {
                out.print(Files.readString(run.ref().executionMarkdown(), StandardCharsets.UTF_8));
                out.flush();
            } else {
                RunPrinter.text(out, run.result());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "cleanup", description = "Delete recorded runs older than an age (30m, 24h, 7d, 2w).")
    static final class CleanupCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--older-than", paramLabel = "AGE", required = true, converter = AgeArgument.class,
                description = "delete runs that started more than AGE ago, e.g. 30m, 24h, 7d")
        Duration olderThan;

        /** {@code artifacts cleanup -o json}: how many runs were deleted, and the ISO-8601 cutoff. */
        record CleanupJson(int deleted, String cutoff) {
        }

        CleanupCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant cutoff = Instant.now().minus(olderThan);
            int deleted;
            try (Baton baton = env.openBaton()) {
                deleted = baton.ensembles().artifacts().cleanupOlderThan(cutoff);
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, new CleanupJson(deleted, cutoff.toString()));
            } else {
                out.println("deleted " + deleted + " run(s) started before " + cutoff);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete one recorded run (its files, or its row in a shared store, and its index entry).")
    static final class DeleteCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(index = "0", paramLabel = "ENSEMBLE", description = "the ensemble whose run to delete")
        String ensemble;
        @Parameters(index = "1", paramLabel = "EXECUTION", description = "the run's id, yyyyMMdd-HHmmss-SSS (see: baton artifacts list)")
        String execution;

        /** {@code artifacts delete -o json}: the run that was deleted. */
        record DeleteJson(boolean deleted, String ensemble, String execution) {
        }

        DeleteCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean deleted;
            try (Baton baton = env.openBaton()) {
                deleted = baton.ensembles().artifacts().delete(ensemble, execution);
            }
            if (!deleted) {
                throw UsageException.notFound("no recorded run " + execution + " of ensemble '" + ensemble
                        + "' (see: baton artifacts list " + ensemble + ")");
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, new DeleteJson(true, ensemble, execution));
            } else {
                out.println("deleted run " + execution + " of " + ensemble);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
