package dev.baton.ensemble.agent.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripts this machine's Baton processes are running, one small file each in a directory
 * (the CLI uses {@code <data dir>/running-scripts}), written when a script starts and deleted
 * when it has been ended. A JVM killed with SIGKILL cannot end its scripts; their files stay, and
 * {@link #reapOnce()} (called before the next script starts, never at start-up) ends the
 * processes of every file whose owning JVM is gone: those carrying the script's id, the script's
 * process group, and the script itself if its start time still matches (so a reused pid is left
 * alone). Thread-safe.
 */
public final class ScriptLeftovers {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptLeftovers.class);
    private static final String SUFFIX = ".script";
    /** Start instants are derived from clock ticks; two readings of the same process agree far closer. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private final Path dir;
    private final AtomicBoolean reaped = new AtomicBoolean();
    private final Owner self = Owner.current();

    public ScriptLeftovers(Path dir) {
        this.dir = dir;
    }

    /**
     * Records script {@code id}: first before it starts ({@code group} null: only the id is known),
     * then again with its pid and start time. A failure to record is logged, never fatal to the run.
     */
    void record(String id, ScriptGroup group) {
        String text = "owner " + self.pid() + " " + millis(self.started()) + "\n"
                + (group == null ? "" : "leader " + group.pid() + " " + millis(group.started()) + "\n");
        try {
            Files.createDirectories(dir);
            // replaced whole, so a reaper in another process never reads half a record
            Path tmp = dir.resolve(id + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot record script {} in {} ({}); if this JVM is killed its processes are not reaped later",
                    id, dir, e.toString());
        }
    }

    void remove(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.debug("cannot remove script record {}: {}", id, e.toString());
        }
    }

    /** Reaps leftovers the first time it is called on this instance; later calls do nothing. */
    void reapOnce() {
        if (reaped.compareAndSet(false, true)) reap();
    }

    /** Ends the processes of every record whose owner is gone and deletes the record; returns how many records. */
    int reap() {
        if (!Files.isDirectory(dir)) return 0;
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                if (reap(f)) count++;
            }
        } catch (IOException e) {
            LOG.warn("cannot read script records in {}: {}", dir, e.toString());
        }
        return count;
    }

    private boolean reap(Path f) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        Record r;
        try {
            r = Record.parse(Files.readAllLines(f));
        } catch (IOException | RuntimeException e) {
            LOG.warn("script record {} is unreadable ({}); removing it", f, e.getMessage());
            deleteQuietly(f);
            return false;
        }
        if (r.owner().alive()) return false;
        Owner recorded = r.leader();
        ProcessHandle leader = recorded == null ? null
                : ProcessHandle.of(recorded.pid()).filter(h -> recorded.matches(h, false)).orElse(null);
        if (leader != null) {
            ProcessTree.terminate(leader, id, ScriptGroup.GRACE);
        } else {
            // the leader is gone, unknown, or its pid is someone else's now: what carries the id is
            // ours, and so is its group while no other process holds that pid (a pid is not reused
            // while a group of that id has members)
            long pgid = recorded == null || ProcessHandle.of(recorded.pid()).isPresent() ? -1 : recorded.pid();
            ProcessTree.scan(pgid, id).forEach(ProcessHandle::destroyForcibly);
        }
        LOG.info("reaped the processes of script {} left by Baton process {}", id, r.owner().pid());
        deleteQuietly(f);
        // the owner may have died while replacing the record (its second write, with the pid)
        deleteQuietly(dir.resolve(id + ".tmp"));
        return true;
    }

    private Path file(String id) {
        return dir.resolve(id + SUFFIX);
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", f, e.toString());
        }
    }

    private static long millis(Instant i) {
        return i == null ? -1 : i.toEpochMilli();
    }

    /** A process by pid and start time (-1: unknown). */
    private record Owner(long pid, long startMillis) {
        static Owner current() {
            ProcessHandle h = ProcessHandle.current();
            return new Owner(h.pid(), millis(h.info().startInstant().orElse(null)));
        }

        Instant started() {
            return startMillis < 0 ? null : Instant.ofEpochMilli(startMillis);
        }

        /** Whether {@code h} is this process; {@code unknownMatches} decides when a start time is unknown. */
        boolean matches(ProcessHandle h, boolean unknownMatches) {
            if (!ProcessTree.running(h)) return false;
            Instant actual = h.info().startInstant().orElse(null);
            if (actual == null || startMillis < 0) return unknownMatches;
            return Duration.between(actual, started()).abs().compareTo(SAME_START) <= 0;
        }

        boolean alive() {
            // an unknown start counts as alive: keeping a record too long is the safe side for owners
            return ProcessHandle.of(pid).map(h -> matches(h, true)).orElse(false);
        }
    }

    /** A record file: its owning JVM, and the script once started (null before). */
    private record Record(Owner owner, Owner leader) {
        static Record parse(List<String> lines) {
            Owner owner = null;
            Owner leader = null;
            for (String line : lines) {
                String[] f = line.strip().split(" ");
                if (f.length != 3) continue;
                Owner o = new Owner(Long.parseLong(f[1]), Long.parseLong(f[2]));
                if (f[0].equals("owner")) owner = o;
                else if (f[0].equals("leader")) leader = o;
            }
            if (owner == null) throw new IllegalArgumentException("no owner line");
            return new Record(owner, leader);
        }
    }
}
