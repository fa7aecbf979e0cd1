package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.load.EnsembleLoader;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Loaded and validated ensembles by file, so a face that runs the same ensemble again (an MCP
 * client calling {@code invoke} a hundred times) neither parses nor validates it again. An entry
 * holds while every question its load asked ({@link LoadInputs}: the file's state, each child
 * ensemble's file and the files tried before it, profiles, providers, task types, scripts, tools)
 * gets the same answer; otherwise the file is loaded again. Only loads that succeed are kept; a
 * file with problems is parsed each time, so its error is always the file's current one.
 * <p>
 * Thread-safe. Concurrent first loads of one file each load it (each result is valid); the last
 * one stored wins, and an entry stored by a load that read an older state fails its next check.
 */
final class EnsembleLoadCache {

    /** Beyond this many files (ensembles invoked by path, say) the cache starts again. */
    static final int MAX_ENTRIES = 256;

    private record Entry(EnsembleSpec spec, LoadInputs inputs) {
    }

    /** Given the inputs to note into, a loader whose every outside question is noted there. */
    private final Function<LoadInputs, EnsembleLoader> loaders;
    /** What a script reference resolves to now: the resolved script, or the failure's message. */
    private final Function<String, Object> scripts;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    EnsembleLoadCache(Function<LoadInputs, EnsembleLoader> loaders, Function<String, Object> scripts) {
        this.loaders = loaders;
        this.scripts = scripts;
    }

    /** The spec in {@code file}, loaded and validated; throws as {@link EnsembleLoader#load(Path)} does. */
    EnsembleSpec load(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Entry cached = entries.get(key);
        if (cached != null && cached.inputs().unchanged()) return cached.spec();
        LoadInputs inputs = new LoadInputs();
        inputs.file(key); // before the read: a write during it changes the answer
        EnsembleSpec spec;
        try {
            spec = loaders.apply(inputs).load(key);
        } catch (RuntimeException e) {
            entries.remove(key); // the stale entry would only be checked and found wrong again
            throw e;
        }
        noteScripts(spec, inputs);
        if (inputs.cacheable()) {
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            entries.put(key, new Entry(spec, inputs));
        } else {
            entries.remove(key);
        }
        return spec;
    }

    /**
     * The script references of the spec and its children, with what they resolve to. Noted after
     * the validation rather than during it (the validator takes a resolver, not a question): a
     * script removed in between is found missing when its agent runs, with the same message.
     */
    private void noteScripts(EnsembleSpec spec, LoadInputs inputs) {
        List<EnsembleSpec> all = new ArrayList<>(inputs.children());
        all.addFirst(spec);
        for (EnsembleSpec s : all) {
            for (AgentSpec agent : s.agents()) {
                String script = agent.script();
                if (script != null) inputs.note(() -> scripts.apply(script));
            }
        }
    }

    /** Forgets every entry (a test, or a caller that knows everything changed). */
    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
