package dev.baton.cli;

import dev.baton.Baton;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Start-up on two cores: a {@code Baton} depends only on the working directory and the
 * environment, never on the command line, so for commands that open one it is built on a second
 * thread while the main thread reads the command line (picocli's reflection over the command's
 * annotations takes about as long as reading the configuration). The command's first
 * {@code openBaton()} takes that instance, or meets the same exception the build threw; later
 * calls build their own. An instance no command claimed is closed at exit.
 */
final class EarlyBaton implements Function<CliEnvironment, Baton> {

    /** The commands whose work opens a Baton ({@code EarlyBatonTest} keeps this in step with their sources). */
    static final Set<String> OPENING_COMMANDS = Set.of("ask", "chat", "invoke", "ensembles", "test", "artifacts", "profiles",
            "providers", "stats", "budgets", "scripts", "tools", "audit", "mcp", "serve", "keys", "config",
            "ops", "coordinate", "memory", "tasks", "worker");

    private final CliEnvironment env;
    private final CompletableFuture<Baton> build;
    private final AtomicBoolean claimed = new AtomicBoolean();

    private EarlyBaton(CliEnvironment env, Function<CliEnvironment, Baton> factory) {
        this.env = env;
        this.build = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                build.complete(factory.apply(env));
            } catch (Throwable e) {
                build.completeExceptionally(e);
                return;
            }
            StartupWarmup.run(); // what the command reaches next (the model catalog), still beside the main thread
        }, "baton-early-open");
        t.setDaemon(true);
        t.start();
    }

    /**
     * {@code env} with its Baton being built already when {@code args} name a command that opens
     * one (and do not only ask for its help); otherwise {@code env} unchanged.
     */
    static CliEnvironment startFor(CliEnvironment env, String[] args) {
        if (!opens(args)) return env;
        return env.withBatonFactory(new EarlyBaton(env, env.batonFactory()));
    }

    static boolean opens(String[] args) {
        if (args.length == 0 || !OPENING_COMMANDS.contains(args[0])) return false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) return false;
        }
        return true;
    }

    @Override
    public Baton apply(CliEnvironment asked) {
        boolean same = asked.workingDir().equals(env.workingDir()) && asked.env().equals(env.env());
        if (!same || !claimed.compareAndSet(false, true)) {
            return env.batonFactory().apply(asked);
        }
        try {
            return build.join();
        } catch (CompletionException e) {
            // the build's own exception, as if the command had built the Baton itself
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Closes the early Baton if no command took it (a usage error, a command that did not need it). */
    void closeUnclaimed() {
        if (!claimed.compareAndSet(false, true)) return;
        try {
            build.join().close();
        } catch (RuntimeException | Error ignored) {
            // it was never handed out: a failed build or close concerns nobody
        }
    }

    /** The early instance's handle in {@code env}, if {@code env} has one. */
    static void closeUnclaimed(CliEnvironment env) {
        if (env.batonFactory() instanceof EarlyBaton early) early.closeUnclaimed();
    }
}
