package dev.baton.ensemble.agent.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts script processes so that all they leave behind can be found and ended: each script
 * leads a new session and process group (through {@code setsid}, where it exists), so a
 * terminal's Ctrl-C reaches Baton and not the script directly, and carries a unique
 * {@code BATON_SCRIPT_ID} in its environment, which its children inherit. Started scripts are
 * recorded in {@link ScriptLeftovers} until they are ended; the first start reaps what a killed
 * JVM left behind. Thread-safe.
 */
public final class ScriptLauncher {

    /** The environment variable holding a script's id. */
    static final String ID_VARIABLE = "BATON_SCRIPT_ID";

    private static final Logger LOG = LoggerFactory.getLogger(ScriptLauncher.class);

    private final ScriptLeftovers leftovers;

    /** {@code leftovers} may be null: nothing recorded, nothing reaped. */
    public ScriptLauncher(ScriptLeftovers leftovers) {
        this.leftovers = leftovers;
    }

    /** Starts {@code pb}'s command as a script group; the caller must {@link ScriptGroup#close()} it. */
    public ScriptGroup start(ProcessBuilder pb) throws IOException {
        if (leftovers != null) leftovers.reapOnce();
        String id = UUID.randomUUID().toString();
        pb.environment().put(ID_VARIABLE, id);
        List<String> original = pb.command();
        Path setsid = Setsid.PATH;
        if (setsid != null) {
            // A child of the JVM is never a process-group leader, so setsid(1) calls setsid(2)
            // and execs the script without forking: the process we hold is the script itself.
            List<String> command = new ArrayList<>(original.size() + 1);
            command.add(setsid.toString());
            command.addAll(original);
            pb.command(command);
        }
        // recorded before it starts, so a JVM killed at any moment after the start leaves a record
        if (leftovers != null) leftovers.record(id, null);
        Process process;
        try {
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            if (leftovers != null) leftovers.remove(id);
            throw e;
        } finally {
            pb.command(original);
        }
        ScriptGroup group = new ScriptGroup(process, id, leftovers);
        if (leftovers != null) leftovers.record(id, group);
        return group;
    }

    /** Whether scripts get a session of their own on this machine. */
    static boolean ownSession() {
        return Setsid.PATH != null;
    }

    /** Where setsid(1) is, looked up once on first use (not at class load: cold start matters). */
    private static final class Setsid {
        static final Path PATH = find();

        private static Path find() {
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(File.pathSeparator)) {
                    if (dir.isEmpty()) continue;
                    Path p = Path.of(dir, "setsid");
                    if (Files.isExecutable(p)) return p;
                }
            }
            LOG.warn("setsid not found on PATH: script agents share Baton's process group, so a terminal's "
                    + "Ctrl-C reaches them directly and a child that starts its own session is only found on Linux");
            return null;
        }
    }
}
