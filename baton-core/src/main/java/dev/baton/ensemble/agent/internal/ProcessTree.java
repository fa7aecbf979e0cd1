package dev.baton.ensemble.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds and ends the processes that belong to one script: the script itself, everything below it
 * in the process tree, every process in the process group it leads (it runs in its own session,
 * see {@link ScriptLauncher}), and, on Linux, every live process whose environment carries the
 * script's {@code BATON_SCRIPT_ID} (children inherit it, so a child that called {@code setsid}
 * or was re-parented after a double fork is still found). Ending means SIGTERM to all of them,
 * then SIGKILL to whatever is still alive after a grace period.
 */
final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(10);
    private static final int KILL_ROUNDS = 5;

    private ProcessTree() {
    }

    /** Kills {@code process} and its descendants at once (no grace); for callers that have no script id. */
    static void kill(Process process) {
        ProcessHandle root = process.toHandle();
        // a few rounds: a child may fork again between listing and killing
        for (int round = 0; round < 3; round++) {
            var descendants = root.descendants().toList();
            if (descendants.isEmpty()) break;
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Ends everything belonging to the script led by {@code leader} with id {@code scriptId}:
     * SIGTERM, up to {@code grace} for them to go, then SIGKILL. If interrupted while waiting it
     * goes straight to SIGKILL and leaves the interrupt flag set.
     */
    static void terminate(ProcessHandle leader, String scriptId, Duration grace) {
        Set<ProcessHandle> seen = members(leader, scriptId);
        seen.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        while (!interrupted && System.nanoTime() < end) {
            Set<ProcessHandle> live = live(leader, scriptId, seen);
            if (live.isEmpty()) return;
            // a process forked after the first round gets its SIGTERM too
            for (ProcessHandle h : live) if (seen.add(h)) h.destroy();
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            Set<ProcessHandle> live = live(leader, scriptId, seen);
            if (live.isEmpty()) break;
            live.forEach(ProcessHandle::destroyForcibly);
            seen.addAll(live);
            Thread.onSpinWait();
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static Set<ProcessHandle> live(ProcessHandle leader, String scriptId, Set<ProcessHandle> seen) {
        Set<ProcessHandle> live = members(leader, scriptId);
        for (ProcessHandle h : seen) if (running(h)) live.add(h);
        return live;
    }

    /** The leader (when alive), its descendants, its process group and the holders of its script id. */
    static Set<ProcessHandle> members(ProcessHandle leader, String scriptId) {
        Set<ProcessHandle> out = new LinkedHashSet<>();
        if (running(leader)) {
            out.add(leader);
            leader.descendants().filter(ProcessTree::running).forEach(out::add);
        }
        out.addAll(scan(leader.pid(), scriptId));
        return out;
    }

    /** Whether /proc can be read: the platform where group members and script ids can be found. */
    static boolean procAvailable() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /**
     * Live processes (not zombies, not this JVM) in process group {@code pgid} or whose
     * environment holds {@code BATON_SCRIPT_ID=scriptId}; empty where there is no /proc. A process
     * of another user cannot be read, and could not be signalled either.
     */
    static Set<ProcessHandle> scan(long pgid, String scriptId) {
        Set<ProcessHandle> out = new LinkedHashSet<>();
        if (!procAvailable()) return out;
        byte[] marker = (ScriptLauncher.ID_VARIABLE + "=" + scriptId).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) continue;
                Stat stat = Stat.read(dir);
                if (stat == null || stat.zombie()) continue;
                if ((pgid > 0 && stat.pgrp() == pgid) || environHas(dir, marker)) {
                    ProcessHandle.of(pid).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            // /proc vanished under us: what was found is all there is
        }
        return out;
    }

    /** Alive and, where /proc tells, not a zombie waiting to be reaped. */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) return false;
        if (!procAvailable()) return true;
        Stat stat = Stat.read(PROC.resolve(Long.toString(h.pid())));
        return stat != null && !stat.zombie();
    }

    private static boolean environHas(Path dir, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(dir.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false;
        }
        // entries are NUL-separated; the marker must be a whole entry
        outer:
        for (int i = 0; i + marker.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) continue;
            for (int j = 0; j < marker.length; j++) if (env[i + j] != marker[j]) continue outer;
            if (i + marker.length == env.length || env[i + marker.length] == 0) return true;
        }
        return false;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    /** The fields of {@code /proc/PID/stat} used here: state and process group. */
    private record Stat(char state, long pgrp) {
        boolean zombie() {
            return state == 'Z' || state == 'X';
        }

        static Stat read(Path dir) {
            try {
                String s = Files.readString(dir.resolve("stat"));
                // the command name may hold spaces and parentheses: fields start after the last ')'
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Stat(f[0].charAt(0), Long.parseLong(f[2]));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
