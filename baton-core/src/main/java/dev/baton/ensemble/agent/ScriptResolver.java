package dev.baton.ensemble.agent;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the command for a script agent's {@code script}. A path is looked up in
 * {@code <project>/.baton/scripts}, then, in a project that has llm-orc's {@code .llm-orc/}
 * folder, {@code .llm-orc/scripts} and {@code .llm-orc/} itself (so llm-orc's
 * {@code script: scripts/x/y.py} resolves as llm-orc resolves it, also with {@code -} read as
 * {@code _}), then the project directory, then the user tier ({@code ~/.config/baton/scripts});
 * an absolute path is used as is. Text that is no such file and contains a space or a newline is
 * inline shell, run with {@code bash -c}. The interpreter follows the extension ({@code .py}
 * python3, {@code .sh}/{@code .bash} bash, {@code .js} node, {@code .rb} ruby); other files must
 * be executable.
 *
 * <p>Each resolved script says which JSON envelope it is given on stdin ({@link Envelope}): a
 * script found in {@code .llm-orc/}, or anywhere in a project that has {@code .llm-orc/} and no
 * {@code .baton/}, gets llm-orc's, so llm-orc's scripts run unchanged; every other one Baton's.
 */
public final class ScriptResolver {

    /** The stdin contract a script is run with. */
    public enum Envelope {
        /** Baton's: {@code input}, {@code parameters}, {@code dependencies}, {@code context}. */
        BATON,
        /** llm-orc's: {@code agent_name}, {@code input_data}, {@code context}, {@code dependencies}; parameters in {@code AGENT_PARAMETERS}. */
        LLM_ORC
    }

    /** A runnable script: the command line, the file (null when inline), whether it is inline, and its envelope. */
    public record ResolvedScript(List<String> command, Path file, boolean inline, Envelope envelope) {
        public ResolvedScript {
            command = List.copyOf(command);
            envelope = envelope == null ? Envelope.BATON : envelope;
        }

        public ResolvedScript(List<String> command, Path file, boolean inline) {
            this(command, file, inline, Envelope.BATON);
        }
    }

    private record SearchDir(Path dir, Envelope envelope, boolean llmOrcNames) {
    }

    private final Path projectDir;
    private final List<SearchDir> search;
    private final Envelope projectDefault;

    /** {@code userScriptsDir} may be null (no user tier). */
    public ScriptResolver(Path projectDir, Path userScriptsDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        Path llmOrc = this.projectDir.resolve(".llm-orc");
        boolean hasLlmOrc = Files.isDirectory(llmOrc);
        this.projectDefault = hasLlmOrc && !Files.isDirectory(this.projectDir.resolve(".baton"))
                ? Envelope.LLM_ORC : Envelope.BATON;
        List<SearchDir> dirs = new ArrayList<>();
        dirs.add(new SearchDir(this.projectDir.resolve(".baton").resolve("scripts"), Envelope.BATON, false));
        if (hasLlmOrc) {
            dirs.add(new SearchDir(llmOrc.resolve("scripts"), Envelope.LLM_ORC, true));
            dirs.add(new SearchDir(llmOrc, Envelope.LLM_ORC, true));
        }
        dirs.add(new SearchDir(this.projectDir, projectDefault, hasLlmOrc));
        if (userScriptsDir != null) dirs.add(new SearchDir(userScriptsDir, Envelope.BATON, false));
        this.search = List.copyOf(dirs);
    }

    /** The directories searched, in order. */
    public List<Path> searchPath() {
        return search.stream().map(SearchDir::dir).toList();
    }

    /** Resolves {@code script}; a {@link ErrorCode#NOT_FOUND} failure says where it looked. */
    public ResolvedScript resolve(String script) {
        Optional<ResolvedScript> file = findFile(script);
        if (file.isPresent()) return file.get();
        if (script.indexOf('\n') >= 0 || script.indexOf(' ') >= 0) {
            return new ResolvedScript(List.of("bash", "-c", script), null, true, projectDefault);
        }
        throw BatonException.builder(ErrorCode.NOT_FOUND, "script '" + script + "' not found in " + searchPath())
                .suggestion("put it in " + searchPath().get(0) + " or give an absolute path").build();
    }

    private Optional<ResolvedScript> findFile(String script) {
        try {
            Path p = Path.of(script);
            if (p.isAbsolute()) {
                return Files.isRegularFile(p) ? Optional.of(resolved(p, envelopeOf(p))) : Optional.empty();
            }
            for (SearchDir dir : search) {
                for (String name : names(script, dir.llmOrcNames())) {
                    Path candidate = dir.dir().resolve(name).normalize();
                    if (Files.isRegularFile(candidate)) return Optional.of(resolved(candidate, dir.envelope()));
                }
            }
        } catch (InvalidPathException notAPath) {
            // inline shell text with characters no path may contain
        }
        return Optional.empty();
    }

    /** The name as written, and in llm-orc's folders also with {@code -} read as {@code _}, as llm-orc tries it. */
    private static List<String> names(String script, boolean llmOrcNames) {
        String underscored = script.replace('-', '_');
        return llmOrcNames && !underscored.equals(script) ? List.of(script, underscored) : List.of(script);
    }

    private Envelope envelopeOf(Path absolute) {
        Path f = absolute.normalize();
        return f.startsWith(projectDir.resolve(".llm-orc")) ? Envelope.LLM_ORC
                : f.startsWith(projectDir) ? projectDefault : Envelope.BATON;
    }

    private static ResolvedScript resolved(Path file, Envelope envelope) {
        return new ResolvedScript(command(file), file, false, envelope);
    }

    private static List<String> command(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String path = file.toString();
        if (name.endsWith(".py")) return List.of("python3", path);
        if (name.endsWith(".sh") || name.endsWith(".bash")) return List.of("bash", path);
        if (name.endsWith(".js") || name.endsWith(".mjs")) return List.of("node", path);
        if (name.endsWith(".rb")) return List.of("ruby", path);
        if (Files.isExecutable(file)) return List.of(path);
        throw BatonException.builder(ErrorCode.INVALID_REQUEST,
                        "script " + file + " has no known extension (.py .sh .js .rb) and is not executable")
                .suggestion("chmod +x " + file).build();
    }
}
