package dev.baton.ensemble.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The script agents a project can use, found the way the engine finds them: {@code .baton/scripts},
 * the project directory, then the user tier ({@code ~/.config/baton/scripts}). Thread-safe.
 */
public interface Scripts {

    /** Known script file extensions; a file without one runs only when it is executable. */
    List<String> EXTENSIONS = List.of(".py", ".sh", ".js", ".mjs", ".rb");

    /** The folders searched, in order. */
    List<Path> searchPath();

    /**
     * The project's scripts, then the user tier's, each sorted by name (hidden files and READMEs
     * left out); a user script named like a project script is marked shadowed.
     */
    List<ScriptInfo> list();

    /** The script an ensemble's {@code script: name} refers to; {@code name} may leave out a known extension. */
    Optional<ScriptInfo> find(String name);

    /**
     * Runs {@code script} once as a script agent would (same interpreter, working directory, stdin
     * JSON and {@code BATON_*} variables, output caps) and says whether it failed: a non-zero exit,
     * a timeout (the process tree is killed), more than 1 MiB of stdout, or a JSON object with
     * {@code "success": false}.
     *
     * @throws IOException          when the script cannot be started (the message names the command)
     * @throws InterruptedException when the caller is interrupted (the script is killed)
     * @throws dev.baton.error.BatonException {@code INVALID_REQUEST} when the script is not runnable
     */
    ScriptTrialResult test(ScriptInfo script, ScriptTrial trial) throws IOException, InterruptedException;
}
