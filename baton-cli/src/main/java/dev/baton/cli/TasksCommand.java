package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.task.TaskDetail;
import dev.baton.task.TaskEvent;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskJson;
import dev.baton.task.TaskKind;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code baton tasks submit|list|show|cancel|retry}: the durable task queue. Tasks run on the
 * workers of {@code baton serve} and {@code baton worker} processes sharing the store.
 */
@Command(name = "tasks", description = "The durable task queue: submit ensemble runs (now, later or on a cron), list, show, cancel, retry.",
        subcommands = {TasksCommand.SubmitCmd.class, TasksCommand.ListCmd.class, TasksCommand.ShowCmd.class,
                TasksCommand.CancelCmd.class, TasksCommand.RetryCmd.class})
final class TasksCommand extends CommandGroup {

    @Command(name = "submit", description = "Queue a task: an ensemble run by default, or --kind coordinator|operation.")
    static final class SubmitCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "TARGET", arity = "0..1",
                description = "the ensemble (or with --kind operation, the operation id; none for --kind coordinator)")
        String target;
        @Option(names = "--kind", paramLabel = "KIND", description = "ensemble (default), coordinator or operation")
        String kind = "ensemble";
        @Option(names = "--input", paramLabel = "TEXT", description = "the ensemble's input, the coordinator's query, or the operation's input JSON")
        String input;
        @Option(names = "--at", paramLabel = "TIME", description = "not before: 2026-12-03T14:00:00Z, 2026-12-03T14:00 (local time), or in 10m / 2h")
        String at;
        @Option(names = "--cron", paramLabel = "EXPR", description = "repeat on a six-field cron: second minute hour day month weekday, e.g. '0 0 * * * *'")
        String cron;
        @Option(names = "--priority", paramLabel = "N", description = "higher runs first among due tasks (-1000..1000, default 0)")
        int priority;
        @Option(names = "--max-attempts", paramLabel = "N", description = "attempts before the task fails (default 3; backoff 1 s, 2 s, 4 s ...)")
        int maxAttempts = TaskRequest.DEFAULT_MAX_ATTEMPTS;

        SubmitCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            TaskKind k;
            try {
                k = TaskKind.fromWire(kind);
            } catch (BatonException e) {
                throw new UsageException("--kind: " + e.getMessage());
            }
            if (k == TaskKind.COORDINATOR && target != null) {
                throw new UsageException("tasks submit: a coordinator task has no TARGET; give the query with --input");
            }
            if (k != TaskKind.COORDINATOR && target == null) {
                throw new UsageException("tasks submit: name the " + (k == TaskKind.ENSEMBLE ? "ensemble" : "operation") + " to run");
            }
            TaskRequest request;
            try {
                request = new TaskRequest(k, target, input, priority, when(at), cron, maxAttempts);
            } catch (BatonException e) {
                throw new UsageException("tasks submit: " + e.getMessage());
            }
            try (Baton baton = env.openBaton()) {
                TaskInfo t = submit(baton, request);
                PrintWriter out = spec.commandLine().getOut();
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, TaskJson.write(t));
                } else {
                    out.println(t.id());
                    out.flush();
                    spec.commandLine().getErr().println("baton: queued task " + t.id() + " (" + t.kind().wire()
                            + (t.target() == null ? "" : " " + t.target()) + ", due " + t.nextRunAt() + ")");
                    spec.commandLine().getErr().flush();
                }
                return ExitCodes.OK;
            }
        }

        private TaskInfo submit(Baton baton, TaskRequest request) {
            try {
                return baton.tasks().submit(request);
            } catch (BatonException e) {
                if (e.code() == ErrorCode.NOT_FOUND) throw UsageException.notFound("tasks submit: " + e.getMessage());
                if (e.code() == ErrorCode.INVALID_REQUEST) {
                    throw new UsageException((request.cron() != null && e.getMessage().contains("cron") ? "--cron: " : "tasks submit: ")
                            + e.getMessage());
                }
                throw e;
            }
        }

        static Instant when(String text) {
            if (text == null) return null;
            String t = text.strip();
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(t).atZone(ZoneId.systemDefault()).toInstant();
                } catch (DateTimeParseException notLocal) {
                    if (t.startsWith("in ")) t = t.substring(3).strip();
                    try {
                        return Instant.now().plus(Durations.parse(t, "--at"));
                    } catch (UsageException e) {
                        throw new UsageException("--at: expected a time like 2026-12-03T14:00:00Z or 2026-12-03T14:00, "
                                + "or a delay like 10m, got '" + text + "'");
                    }
                }
            }
        }
    }

    @Command(name = "list", description = "The newest tasks, newest first.")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--state", paramLabel = "STATE", description = "only tasks in this state: queued, running, retrying, succeeded, failed, cancelled")
        String state;
        @Option(names = "--limit", paramLabel = "N", description = "at most N tasks (default 50)")
        int limit = 50;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            TaskState filter = null;
            if (state != null) {
                try {
                    filter = TaskState.fromWire(state);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--state: unknown state '" + state
                            + "' (queued, running, retrying, succeeded, failed, cancelled)");
                }
            }
            if (limit < 1) throw new UsageException("--limit: must be at least 1, not " + limit);
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                List<TaskInfo> tasks = baton.tasks().list(filter, limit);
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, tasks.stream().map(TaskJson::write).toList());
                    return;
                }
                if (tasks.isEmpty()) {
                    out.println("no tasks (queue one with: baton tasks submit ENSEMBLE)");
                    out.flush();
                    return;
                }
                Table t = new Table("ID", "KIND", "TARGET", "STATE", "ATTEMPTS", "PRIORITY", "NEXT RUN", "REPLICA", "CREATED");
                for (TaskInfo i : tasks) {
                    t.row(i.id(), i.kind().wire(), i.target() == null ? "" : i.target(), i.state().wire(), i.attempts(),
                            i.priority(), i.nextRunAt() == null ? "" : i.nextRunAt(), i.replica() == null ? "" : i.replica(),
                            i.createdAt());
                }
                t.print(out);
            }
        }
    }

    @Command(name = "show", description = "A task with its whole history (every attempt, with the replica that ran it).")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "ID")
        String id;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                TaskDetail d = baton.tasks().show(id)
                        .orElseThrow(() -> UsageException.notFound("tasks show: no task '" + id + "' (see: baton tasks list)"));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, TaskJson.write(d));
                    return;
                }
                TaskInfo t = d.task();
                out.println("task      " + t.id());
                out.println("runs      " + t.kind().wire() + (t.target() == null ? "" : " " + t.target()));
                out.println("state     " + t.state().wire() + " after " + t.attempts() + " attempt(s) (max " + t.maxAttempts() + " per occurrence)");
                if (t.nextRunAt() != null) out.println("next run  " + t.nextRunAt());
                if (t.cron() != null) out.println("cron      " + t.cron());
                out.println("priority  " + t.priority());
                if (t.runId() != null) out.println("run       " + t.runId());
                if (t.error() != null) out.println("error     " + t.error());
                if (!d.checkpointedAgents().isEmpty()) out.println("checkpointed agents  " + String.join(", ", d.checkpointedAgents()));
                out.println();
                Table h = new Table("AT", "STATE", "ATTEMPT", "REPLICA", "DETAIL");
                for (TaskEvent e : d.history()) {
                    h.row(e.at(), e.state().wire(), e.attempt(), e.replica() == null ? "" : e.replica(),
                            e.detail() == null ? "" : e.detail());
                }
                h.print(out);
            }
        }
    }

    @Command(name = "cancel", description = "Cancel a task: a waiting one never runs, a running one has its run stopped (on any replica).")
    static final class CancelCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "ID")
        String id;

        CancelCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            act(env, spec, output, id, "cancel", (baton) -> baton.tasks().cancel(id));
        }
    }

    @Command(name = "retry", description = "Queue a failed or cancelled task again, due now, with a fresh allowance of attempts.")
    static final class RetryCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "ID")
        String id;

        RetryCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            act(env, spec, output, id, "retry", (baton) -> baton.tasks().retry(id));
        }
    }

    private static void act(CliEnvironment env, CommandSpec spec, OutputOptions output, String id, String verb,
                            Function<Baton, TaskInfo> action) {
        PrintWriter out = spec.commandLine().getOut();
        try (Baton baton = env.openBaton()) {
            TaskInfo t;
            try {
                t = action.apply(baton);
            } catch (BatonException e) {
                if (e.code() == ErrorCode.NOT_FOUND) throw UsageException.notFound("tasks " + verb + ": " + e.getMessage());
                if (e.code() == ErrorCode.INVALID_REQUEST) throw new UsageException("tasks " + verb + ": " + e.getMessage());
                throw e;
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, TaskJson.write(t));
            } else {
                out.println(t.id() + " " + t.state().wire()
                        + (verb.equals("cancel") && t.state() == TaskState.RUNNING ? " (cancel requested; its worker stops the run)" : ""));
                out.flush();
            }
        }
    }
}
