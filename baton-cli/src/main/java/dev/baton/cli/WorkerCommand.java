package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.task.TaskWorker;
import dev.baton.task.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code baton worker}: runs queued tasks without serving HTTP, until Ctrl-C or SIGTERM. On a
 * signal it stops taking tasks, lets the running ones finish for up to 10 s, then cancels what
 * is left and hands it back to the queue (due at once, with its checkpoints, for another worker)
 * and exits 0.
 */
@Command(name = "worker", description = "Run queued tasks (no HTTP). Ctrl-C: running tasks get 10 s to finish, the rest go back to the queue.")
final class WorkerCommand implements Callable<Integer> {

    private final CliEnvironment env;
    @Spec
    CommandSpec spec;
    @Mixin
    WorkerOptions worker;

    WorkerCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        worker.settings(); // bad flags fail before the store is opened
        try (Baton baton = env.openBaton()) {
            WorkerSettings settings = worker.settings(baton.config().worker());
            return run(baton, settings, err);
        }
    }

    /** Runs the worker until a signal; {@code worker.enabled} does not apply: this command is the worker. */
    private Integer run(Baton baton, WorkerSettings settings, PrintWriter err) {
        try (InterruptGuard guard = InterruptGuard.install(settings.shutdownWait().plusSeconds(15))) {
            try (TaskWorker w = baton.tasks().startWorker(settings)) {
                err.println("baton: worker " + w.replica() + " running tasks (" + settings.threads()
                        + " at once); Ctrl-C stops");
                err.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException stop) {
                    err.println("baton: worker stopping (running tasks get " + settings.shutdownWait().toSeconds()
                            + " s, then go back to the queue)");
                    err.flush();
                }
            }
            return ExitCodes.OK;
        }
    }
}
