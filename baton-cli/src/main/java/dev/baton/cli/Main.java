package dev.baton.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

/** Entry point of the {@code baton} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(runStarting(CliEnvironment.system(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    /**
     * Runs one command line as a fresh process does: with its {@code Baton} built beside the
     * command line ({@link EarlyBaton}) or its warm-up started; returns the exit code. The AOT
     * training runs its commands through here too, so the cache holds what a real start runs.
     */
    static int runStarting(CliEnvironment system, PrintWriter out, PrintWriter err, String... args) {
        CliEnvironment env = EarlyBaton.startFor(system, args);
        if (!EarlyBaton.opens(args)) StartupWarmup.startFor(args);
        try {
            return run(env, out, err, args);
        } finally {
            EarlyBaton.closeUnclaimed(env);
        }
    }

    /** Runs one command line and returns its exit code. */
    public static int run(CliEnvironment env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(env, args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The whole command tree. */
    static CommandLine commandLine(CliEnvironment env) {
        return commandLine(env, new String[] {"--help"});
    }

    /**
     * The command tree {@code args} needs: when they name a subcommand, only that one is built
     * (picocli reads every command's annotations by reflection, a large share of start-up);
     * {@code --version} alone needs none; anything else (help, no command, an unknown one, so
     * that picocli can suggest a name) gets all of them. The subcommands of {@link CommandModels}
     * come with a root built in code instead of read from annotations.
     */
    static CommandLine commandLine(CliEnvironment env, String[] args) {
        String first = args.length == 0 ? null : args[0];
        CommandLine cli;
        if (first != null && CommandModels.has(first)) {
            cli = new CommandLine(CommandModels.root());
            cli.addSubcommand(first, new CommandLine(CommandModels.subcommand(first, env)));
        } else {
            cli = new CommandLine(new BatonCommand(), new EnvFactory(env));
            if (first != null && BatonCommand.SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
                cli.addSubcommand(first, BatonCommand.SUBCOMMANDS.get(first));
            } else if (!(args.length == 1 && (first.equals("--version") || first.equals("-V")))) {
                BatonCommand.SUBCOMMANDS.forEach(cli::addSubcommand);
            }
        }
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::handleBadArguments);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * A command line picocli cannot parse: one {@code baton:} line naming the problem, picocli's
     * "did you mean" suggestions, and where to read the usage (the whole usage would bury the error).
     * With {@code -o json} stdout also gets the error document.
     */
    private static int handleBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String help = cmd.getCommandSpec().qualifiedName();
        CommandFailure failure = CommandFailure.badArguments(e.getMessage(), help);
        failure.stderr().forEach(err::println);
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + help + " --help' for more information.");
        err.flush();
        if (JsonRequest.in(args)) Json.print(cmd.getOut(), failure.document());
        return failure.exitCode();
    }

    /**
     * Every failure a command throws: the human message on stderr and, with {@code -o json}, one
     * error document on stdout; the exit code is {@link CommandFailure}'s, decided in one place.
     */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        CommandFailure failure = CommandFailure.of(e);
        PrintWriter err = cmd.getErr();
        failure.stderr().forEach(err::println);
        err.flush();
        if (JsonRequest.in(parsed)) Json.print(cmd.getOut(), failure.document());
        return failure.exitCode();
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
