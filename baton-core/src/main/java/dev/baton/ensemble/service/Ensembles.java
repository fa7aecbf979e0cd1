package dev.baton.ensemble.service;

import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a face (CLI, MCP server, HTTP server) does with ensembles, in one place: find them in
 * the project tier ({@code .baton/ensembles}) then the user tier ({@code ~/.config/baton/ensembles}),
 * load and validate them, run them once or over a batch of inputs (artifacts written and indexed
 * unless turned off), run their offline {@code tests:}, and reach the scripts and recorded runs.
 * Obtained from {@code Baton.ensembles()}; valid until that {@code Baton} is closed. Thread-safe:
 * any number of runs may go at once.
 */
public interface Ensembles {

    /** The folders searched for ensembles, project tier first (they need not exist). */
    List<Path> directories();

    /** Where new project ensembles go: the project's {@code .baton/ensembles} (the working directory's without a project). */
    Path projectDirectory();

    /**
     * Every YAML file in the ensemble folders, project tier first, each tier sorted by path; a file
     * that does not parse or has problems is listed with them, and a name already listed by the
     * project tier is marked shadowed. Parsed only, not validated against profiles or scripts.
     */
    List<EnsembleEntry> list();

    /**
     * The file of {@code nameOrPath}: an existing YAML path (relative to the working directory),
     * else {@code NAME.yaml}/{@code NAME.yml} in the folders, else a file whose {@code name:} is NAME.
     *
     * @throws EnsembleNotFoundException when nothing matches (its message lists the known names)
     */
    Path locate(String nameOrPath);

    /** {@code file} parsed, not validated: its spec (null when unreadable or not YAML), problems and tier. */
    EnsembleEntry read(Path file);

    /**
     * The ensemble, parsed and validated against this Baton's profiles and providers, scripts and
     * child ensembles, ready to run.
     *
     * @throws EnsembleNotFoundException     when {@code nameOrPath} matches nothing
     * @throws EnsembleDefinitionException   with every problem of the file
     */
    EnsembleSpec load(String nameOrPath);

    /** Every problem of {@code file} (syntax, keys, graph, profiles, scripts, children, tests); empty when it loads. */
    List<Problem> validate(Path file);

    /**
     * Starts, in the background, opening what a run of {@code spec} will need first (the usage
     * store, its LLM agents' models and their adapters, the run index), so its first wave of calls does not wait for it. Optional;
     * call it between {@link #load} and {@link #run} when there is other work to do meanwhile.
     */
    default void prepare(EnsembleSpec spec) {
    }

    /**
     * Starts one run of {@code spec} ({@code input} null: its {@code default_task}) with the
     * overrides of {@code options}. Unless {@code options} turn artifacts off, the run's files are
     * written and indexed when it completes, before its result reaches {@code listener} or the
     * handle, and {@link RunOptions#onArtifacts()} hears where they went.
     */
    RunHandle run(EnsembleSpec spec, String input, RunOptions options, RunListener listener);

    /**
     * {@link #run(EnsembleSpec, String, RunOptions, RunListener)} resuming an earlier run: the
     * agents of {@code restored} settle with those results instead of running (see
     * {@link dev.baton.ensemble.run.EnsembleEngine#resume}).
     */
    RunHandle resume(EnsembleSpec spec, String input, RunOptions options,
                     java.util.Map<String, dev.baton.ensemble.run.AgentResult> restored, RunListener listener);

    /** {@link #run(EnsembleSpec, String, RunOptions, RunListener)} of {@link #load(String) load(nameOrPath)}. */
    default RunHandle run(String nameOrPath, String input, RunOptions options, RunListener listener) {
        return run(load(nameOrPath), input, options, listener);
    }

    /**
     * Runs {@code spec} once per input, at most {@code parallelism} at once, with the overrides and
     * artifacts of {@code options}. Hands one compact JSON line per input to {@code lines}, in input
     * order, as soon as it and every line before it are ready; returns the results in input order.
     * Interrupting the caller cancels the runs in flight, starts no more and returns the results so
     * far with the interrupt flag set.
     */
    List<RunResult> runBatch(EnsembleSpec spec, List<String> inputs, int parallelism, RunOptions options,
                             Consumer<String> lines);

    /**
     * Runs the {@code tests:} cases of the ensemble in {@code file} offline: LLM agents answer with
     * each case's scripted replies (nothing leaves the process), script agents run for real. A file
     * that does not load comes back with its problems and no results. No artifacts are written.
     */
    TestOutcome test(Path file);

    /** The script agents of the project and user tiers. */
    Scripts scripts();

    /** The recorded runs: their files on disk and the run index. */
    Artifacts artifacts();
}
