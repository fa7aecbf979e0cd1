package dev.baton.task;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The JSON form of tasks, one shape for {@code baton tasks -o json} and {@code /api/v1/tasks}:
 * snake_case fields, times as ISO-8601 UTC, {@code result} as the run's JSON document (the
 * ensemble run, coordinator response or operation result) when the last attempt succeeded.
 */
public final class TaskJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TaskJson() {
    }

    public static ObjectNode write(TaskInfo t) {
        ObjectNode o = F.objectNode();
        o.put("id", t.id());
        o.put("kind", t.kind().wire());
        o.put("target", t.target());
        o.put("input", t.input());
        o.put("priority", t.priority());
        o.put("run_at", time(t.runAt()));
        o.put("cron", t.cron());
        o.put("max_attempts", t.maxAttempts());
        o.put("state", t.state().wire());
        o.put("attempts", t.attempts());
        o.put("next_run_at", time(t.nextRunAt()));
        o.put("run_id", t.runId());
        o.put("replica", t.replica());
        o.put("error", t.error());
        o.set("result", result(t.result()));
        o.put("created_at", time(t.createdAt()));
        o.put("updated_at", time(t.updatedAt()));
        return o;
    }

    /** A task with {@code history} (oldest first) and {@code checkpointed_agents}. */
    public static ObjectNode write(TaskDetail d) {
        ObjectNode o = write(d.task());
        var history = o.putArray("history");
        for (TaskEvent e : d.history()) {
            history.addObject().put("at", time(e.at())).put("state", e.state().wire()).put("attempt", e.attempt())
                    .put("replica", e.replica()).put("detail", e.detail());
        }
        var agents = o.putArray("checkpointed_agents");
        d.checkpointedAgents().forEach(agents::add);
        return o;
    }

    private static @Nullable String time(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }

    private static JsonNode result(@Nullable String text) {
        if (text == null) return F.nullNode();
        try {
            return MAPPER.readTree(text);
        } catch (RuntimeException e) {
            return F.stringNode(text);
        }
    }
}
