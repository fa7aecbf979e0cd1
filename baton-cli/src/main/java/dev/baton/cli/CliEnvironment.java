package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command sees of the outside world: working directory, environment variables, standard
 * input and whether it is a terminal. Tests pass their own; {@link #system()} is the real one.
 */
public record CliEnvironment(Path workingDir, Map<String, String> env, InputStream stdin, boolean stdinIsTerminal,
                             boolean stdoutIsTerminal, Function<CliEnvironment, Baton> batonFactory) {

    public static CliEnvironment system() {
        return new CliEnvironment(Path.of("").toAbsolutePath(), System.getenv(), System.in,
                tty("baton.stdin.tty"), tty("baton.stdout.tty"), CliEnvironment::defaultBaton);
    }

    /**
     * The launcher tells whether stdin/stdout are terminals ({@code [ -t 0 ]}); else the console
     * decides. Asked only then: finding the console looks up a console provider among the JDK's
     * modules, ~10 ms of every start that the launcher's answer makes unnecessary.
     */
    private static boolean tty(String property) {
        String v = System.getProperty(property);
        return v == null ? System.console() != null : v.equals("1") || v.equals("true");
    }

    /** The Baton of the project; traced over OTLP when the environment names an endpoint ({@link TraceExport}). */
    static Baton defaultBaton(CliEnvironment e) {
        Baton.Builder b = Baton.builder(e.paths(), e.env());
        if (TraceExport.requested(e.env())) b.openTelemetry(TraceSdk.open(e.env()));
        return b.build();
    }

    public BatonPaths paths() {
        return BatonPaths.discover(workingDir, env);
    }

    public Baton openBaton() {
        return batonFactory.apply(this);
    }

    public CliEnvironment withBatonFactory(Function<CliEnvironment, Baton> factory) {
        return new CliEnvironment(workingDir, env, stdin, stdinIsTerminal, stdoutIsTerminal, factory);
    }

    public boolean colour() {
        return stdoutIsTerminal && env.get("NO_COLOR") == null;
    }
}
