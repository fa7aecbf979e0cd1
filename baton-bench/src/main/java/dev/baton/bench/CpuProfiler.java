package dev.baton.bench;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * async-profiler's CPU sampler attached to a running JVM through the JDK's attach API, for a
 * part of a benchmark run: {@link #start} samples every thread's stack every 500 µs, Java and
 * kernel frames on one stack, and {@link #stop} writes what it saw as collapsed stacks (one line
 * per distinct stack, frames joined by {@code ;}, then its sample count), the input of
 * flame-graph tools. The agent's native library comes from async-profiler's Maven Central jar,
 * shaded into {@code benchmarks.jar}, and is extracted once into the output folder. Linux only.
 */
final class CpuProfiler {

    private final Path library;

    private CpuProfiler(Path library) {
        this.library = library;
    }

    /** A profiler whose agent library is extracted into {@code dir}. */
    static CpuProfiler in(Path dir) throws IOException {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) throw new IllegalStateException("--profile needs Linux (async-profiler's agent), not " + os);
        String resource = (arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : "linux-x64") + "/libasyncProfiler.so";
        Files.createDirectories(dir);
        Path library = dir.resolve("libasyncProfiler.so").toAbsolutePath();
        try (InputStream in = CpuProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("async-profiler's " + resource + " is not on the class path");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        return new CpuProfiler(library);
    }

    /** Starts sampling the CPU of the JVM {@code pid}. */
    void start(long pid) throws Exception {
        command(pid, "start,event=cpu,interval=500us");
    }

    /** Stops sampling {@code pid} and writes its collapsed stacks to {@code out}. */
    void stop(long pid, Path out) throws Exception {
        command(pid, "stop,file=" + out.toAbsolutePath());
    }

    private void command(long pid, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgentPath(library.toString(), options);
        } finally {
            vm.detach();
        }
    }
}
