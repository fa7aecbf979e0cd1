package dev.baton.tool.internal;

import dev.baton.llm.ToolCall;
import dev.baton.tool.Approver;
import dev.baton.tool.AuditLog;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolCallRecord.Outcome;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The invoker of one caller (a run's agent, a CLI command): looks the tool up among the caller's
 * tools, parses and validates the arguments before anything runs, applies the permissions (asking
 * the approver, and remembering "always" answers for this invoker's life), runs the tool under
 * the smaller of the sandbox's call limit and the call's deadline, caps the output, and records
 * the call (redacted) for the listener, the caller and the audit log. Thread-safe: one invoker
 * serves a round's parallel calls.
 */
public final class DefaultToolInvoker implements ToolInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultToolInvoker.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NO_DECISION = "none";

    private final Map<String, Tool> available;
    private final ToolPermissions permissions;
    private final Approver approver;
    private final ToolListener listener;
    private final AuditLog audit;
    private final ArgumentValidator validator;
    private final Clock clock;
    private final Set<String> alwaysAllowed = ConcurrentHashMap.newKeySet();

    DefaultToolInvoker(List<Tool> available, ToolPermissions permissions, Approver approver, ToolListener listener,
                       AuditLog audit, ArgumentValidator validator, Clock clock) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool t : available) byName.putIfAbsent(t.name(), t);
        this.available = Map.copyOf(byName);
        this.permissions = permissions;
        this.approver = approver;
        this.listener = listener;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Invocation invoke(ToolCall call, ToolContext context) {
        Instant started = clock.instant();
        notify(() -> listener.toolCallStarted(context, call));
        Tool tool = available.get(call.name());
        if (tool == null) {
            return finish(call, context, started, "{}", Outcome.UNKNOWN_TOOL, ToolResult.error(unknown(call.name())),
                    NO_DECISION, NO_DECISION);
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(call.argumentsJson());
        } catch (JacksonException e) {
            return finish(call, context, started, ArgumentRedactor.unparseable(call.argumentsJson()), Outcome.INVALID_ARGUMENTS,
                    ToolResult.error("invalid arguments for '" + tool.name() + "': not JSON: " + firstLine(e.getOriginalMessage())),
                    NO_DECISION, NO_DECISION);
        }
        String redacted = ArgumentRedactor.redact(parsed).toString();
        if (!(parsed instanceof ObjectNode arguments)) {
            return finish(call, context, started, redacted, Outcome.INVALID_ARGUMENTS,
                    ToolResult.error("invalid arguments for '" + tool.name() + "': expected a JSON object"), NO_DECISION, NO_DECISION);
        }
        List<String> problems = validator.problems(tool, arguments);
        if (!problems.isEmpty()) {
            return finish(call, context, started, redacted, Outcome.INVALID_ARGUMENTS,
                    ToolResult.error("invalid arguments for '" + tool.name() + "': " + String.join("; ", problems)),
                    NO_DECISION, NO_DECISION);
        }
        Approver.Decision decision = decide(tool, context, redacted);
        if (!decision.allowed()) {
            return finish(call, context, started, redacted, Outcome.DENIED, ToolResult.error(decision.reason()),
                    "denied", decision.decidedBy());
        }
        Duration limit = min(context.sandbox().callTimeLimit(), Duration.between(clock.instant(), context.deadline()));
        TimedToolCall.Ending ending = TimedToolCall.run(tool, arguments, context, limit);
        ToolResult result = OutputCap.apply(ending.result(), context.sandbox().outputCapBytes());
        Outcome outcome = ending.timedOut() ? Outcome.TIMED_OUT : result.isError() ? Outcome.ERROR : Outcome.OK;
        return finish(call, context, started, redacted, outcome, result, "allowed", decision.decidedBy());
    }

    /** The permission, then the approver for what the permission leaves to a person. */
    private Approver.Decision decide(Tool tool, ToolContext context, String redacted) {
        ToolPolicy.Permission p = permissions.permission(tool.name(), tool.category());
        if (p == ToolPolicy.Permission.RUN) return Approver.Decision.allow("policy");
        if (p == ToolPolicy.Permission.DENY) {
            return Approver.Decision.deny("policy", "tool '" + tool.name() + "' is denied by the tool permissions"
                    + " (a `deny:` pattern under `tools:` in config.yaml, the ensemble or the agent)");
        }
        if (alwaysAllowed.contains(tool.name())) return Approver.Decision.allow("user (always)");
        Approver.Decision d;
        try {
            d = approver.decide(new Approver.Request(context.runId(), context.agent(), tool.name(), tool.category(), redacted,
                    permissions.whyAsk(tool.name(), tool.category())));
        } catch (RuntimeException e) {
            return Approver.Decision.deny("approver", "tool '" + tool.name() + "' was not approved: " + e.getMessage());
        }
        if (d.verdict() == Approver.Verdict.ALLOW_ALWAYS) alwaysAllowed.add(tool.name());
        if (!d.allowed() && d.reason().isBlank()) {
            return Approver.Decision.deny(d.decidedBy(), "tool '" + tool.name() + "' was denied by " + d.decidedBy());
        }
        return d;
    }

    private Invocation finish(ToolCall call, ToolContext context, Instant started, String arguments, Outcome outcome,
                              ToolResult result, String decision, String decidedBy) {
        Instant ended = clock.instant();
        long bytes = OutputCap.utf8Length(result.content());
        ToolCallRecord record = new ToolCallRecord(call.id() == null ? "" : call.id(), call.name(), arguments, started,
                Duration.between(started, ended), outcome, bytes, result.truncated(), decidedBy);
        try {
            audit.record(new AuditLog.Entry(context.runId(), context.agent(), call.name(), arguments, decision, decidedBy,
                    started, ended, outcome, bytes, result.truncated()));
        } catch (RuntimeException e) {
            // the call happened either way; a broken audit store must not turn it into a failure for the model
            LOG.warn("could not audit the call of tool '{}': {}", call.name(), e.toString());
        }
        notify(() -> listener.toolCallFinished(context, record));
        return new Invocation(result, record);
    }

    private String unknown(String name) {
        return "unknown tool '" + name + "'; the tools you may call are: "
                + (available.isEmpty() ? "(none)" : String.join(", ", available.keySet().stream().sorted().toList()));
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a tool listener failed: {}", e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
