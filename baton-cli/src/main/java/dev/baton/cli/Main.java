package dev.baton.cli;

import dev.baton.config.ConfigException;
import dev.baton.error.BatonException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

/** Entry point of the {@code baton} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and returns its exit code. */
    public static int run(CliEnvironment env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(env);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(CliEnvironment env) {
        CommandLine cli = new CommandLine(new BatonCommand(), new EnvFactory(env));
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof ConfigException ce) {
            err.println("baton: configuration error: " + ce.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof UsageException ue) {
            err.println("baton: " + ue.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof BatonException be) {
            err.println("baton: " + be.code() + ": " + be.getMessage());
            be.suggestion().ifPresent(s -> err.println("  hint: " + s));
            return ExitCodes.FAILURE;
        }
        if (e instanceof InterruptedException) {
            err.println("baton: interrupted");
            return ExitCodes.INTERRUPTED;
        }
        err.println("baton: unexpected failure: " + e);
        return ExitCodes.FAILURE;
    }

    /** Creates commands, handing the environment to those that take it. */
    private record EnvFactory(CliEnvironment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliEnvironment.class);
                c.setAccessible(true);
                return c.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
