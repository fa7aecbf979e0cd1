package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.EnsembleRequirements;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Caller;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskJson;
import dev.baton.task.TaskKind;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/tasks}: submit (201 with the task), list ({@code ?state=&limit=}), show (with
 * history), cancel and retry tasks of the durable queue through {@code baton.tasks()}. The body
 * of a submit is {@code {"kind", "target", "input", "run_at", "cron", "priority", "max_attempts"}};
 * {@code kind} defaults to {@code ensemble}, and an operation's {@code input} may be an object. A
 * key limited to some profiles may queue only ensembles whose profiles it may use.
 */
public final class TaskRoutes {

    private static final String BASE = "/api/v1/tasks";

    private final Baton baton;

    public TaskRoutes(Baton baton) {
        this.baton = baton;
    }

    public void mount(ApiRouter router) {
        router.post(BASE, this::submit)
                .get(BASE, this::list)
                .get(BASE + "/{id}", call -> call.send(200, TaskJson.write(baton.tasks().show(call.param("id"))
                        .orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no task '" + call.param("id") + "'")))))
                .post(BASE + "/{id}/cancel", call -> call.send(200, TaskJson.write(baton.tasks().cancel(call.param("id")))))
                .post(BASE + "/{id}/retry", call -> call.send(200, TaskJson.write(baton.tasks().retry(call.param("id")))));
    }

    private void submit(ApiCall call) throws IOException {
        call.onlyFields("kind", "target", "input", "run_at", "cron", "priority", "max_attempts");
        String kindText = call.string("kind", false);
        TaskKind kind = kindText == null ? TaskKind.ENSEMBLE : TaskKind.fromWire(kindText);
        String target = call.string("target", false);
        JsonNode inputNode = call.body().get("input");
        String input = null;
        if (inputNode != null && !inputNode.isNull()) {
            if (inputNode.isString()) input = inputNode.asString();
            else if (inputNode.isObject() && kind == TaskKind.OPERATION) input = inputNode.toString();
            else throw ApiCall.invalid("field 'input' must be a string" + (kind == TaskKind.OPERATION ? " or an object" : "")
                    + ", not " + ApiCall.kind(inputNode));
        }
        String runAt = call.string("run_at", false);
        Instant at = null;
        if (runAt != null) {
            try {
                at = Instant.parse(runAt);
            } catch (DateTimeParseException e) {
                throw ApiCall.invalid("field 'run_at' must be an ISO-8601 instant such as 2026-12-03T14:00:00Z, not '" + runAt + "'");
            }
        }
        JsonNode priority = call.body().get("priority");
        if (priority != null && !priority.isNull() && !priority.isIntegralNumber()) {
            throw ApiCall.invalid("field 'priority' must be an integer, not " + ApiCall.kind(priority));
        }
        Integer attempts = call.positiveInt("max_attempts", 100);
        TaskRequest request = new TaskRequest(kind, target, input, priority == null || priority.isNull() ? 0 : priority.asInt(),
                at, call.string("cron", false), attempts == null ? TaskRequest.DEFAULT_MAX_ATTEMPTS : attempts);
        permit(request, call.caller());
        call.send(201, TaskJson.write(baton.tasks().submit(request)));
    }

    /** A key limited to some profiles may queue an ensemble only when it may use all of its profiles. */
    private void permit(TaskRequest request, Caller caller) {
        if (caller.profiles().isEmpty()) return;
        if (request.kind() != TaskKind.ENSEMBLE) {
            throw new BatonException(ErrorCode.PERMISSION_DENIED, "key '" + caller.name() + "' is limited to profiles "
                    + String.join(", ", caller.profiles()) + " and may queue only ensemble tasks");
        }
        List<String> refused = new EnsembleRequirements(baton, Duration.ofSeconds(1)).dependencies(request.target())
                .profiles().stream().filter(p -> !caller.mayUse(p)).toList();
        if (!refused.isEmpty()) {
            throw new BatonException(ErrorCode.PERMISSION_DENIED, "key '" + caller.name() + "' may not use "
                    + String.join(", ", refused) + ", which ensemble " + request.target() + " needs");
        }
    }

    private void list(ApiCall call) throws IOException {
        String state = call.query("state");
        TaskState filter = null;
        if (state != null) {
            try {
                filter = TaskState.fromWire(state);
            } catch (IllegalArgumentException e) {
                throw ApiCall.invalid("query parameter 'state' must be one of queued, running, retrying, succeeded, "
                        + "failed, cancelled, not '" + state + "'");
            }
        }
        int limit = call.queryInt("limit", 50, 1, 1000);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("tasks");
        for (TaskInfo t : baton.tasks().list(filter, limit)) rows.add(TaskJson.write(t));
        call.send(200, out);
    }
}
