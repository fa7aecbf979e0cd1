package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.EnsembleRequirements;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationMetadata;
import dev.baton.operation.OperationMode;
import dev.baton.operation.OperationProblem;
import dev.baton.operation.OperationResult;
import dev.baton.pipeline.CallMetadata;
import dev.baton.server.Caller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/operations}: list the operations (with the definition files' problems), read one
 * (with its prompt template and schemas) and run one synchronously through
 * {@code baton.operations()}. A run's body is {@code {"input": {...}}}; its model calls are
 * labelled with the caller's key, and a key limited to some profiles may run only operations whose
 * profile (monolithic) or ensemble's profiles (agentic) it may use.
 */
public final class OperationRoutes {

    private static final String BASE = "/api/v1/operations";

    private final Baton baton;

    public OperationRoutes(Baton baton) {
        this.baton = baton;
    }

    public void mount(ApiRouter router) {
        router.get(BASE, this::list)
                .get(BASE + "/{id}", call -> call.send(200, detail(find(call.param("id")))))
                .post(BASE + "/{id}/run", this::run);
    }

    /** The entry that runs for {@code id}; {@code UNKNOWN_FEATURE}/{@code UNKNOWN_OPERATION} (400) listing what exists when none. */
    private OperationEntry find(String id) {
        baton.operations().find(id);
        return baton.operations().list().stream().filter(e -> !e.shadowed() && e.id().equals(id)).findFirst()
                .orElseThrow(() -> new BatonException(ErrorCode.UNKNOWN_OPERATION, "no operation " + id));
    }

    private void list(ApiCall call) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("operations");
        for (OperationEntry e : baton.operations().list()) rows.add(listing(e));
        var problems = out.putArray("problems");
        for (OperationProblem p : baton.operations().problems()) {
            ObjectNode o = problems.addObject().put("file", display(Path.of(p.file()))).put("line", p.line()).put("message", p.message());
            if (p.operation() != null) o.put("operation", p.operation());
            if (p.field() != null) o.put("field", p.field());
        }
        call.send(200, out);
    }

    private void run(ApiCall call) throws IOException {
        call.onlyFields("input");
        JsonNode input = call.body().get("input");
        if (input != null && !input.isObject()) throw ApiCall.invalid("field 'input' must be an object, not " + ApiCall.kind(input));
        String id = call.param("id");
        OperationEntry entry = find(id);
        Caller caller = call.caller();
        permit(entry.definition(), caller);
        OperationResult r = baton.operations().run(id, input == null ? JsonNodeFactory.instance.objectNode() : input,
                caller.keyId() == null ? Map.of() : Map.of(CallMetadata.API_KEY, caller.keyId()));
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("operation", r.operation());
        out.set("result", r.result());
        out.set("metadata", metadata(r.metadata()));
        call.send(200, out);
    }

    /** Refuses a caller whose key may not use the profiles the operation needs. */
    private void permit(OperationDefinition d, Caller caller) {
        if (caller.profiles().isEmpty()) return;
        List<String> needed = d.mode() == OperationMode.MONOLITHIC ? List.of(d.profileOrDefault())
                : new EnsembleRequirements(baton, Duration.ofSeconds(1)).dependencies(d.ensemble()).profiles();
        List<String> refused = needed.stream().filter(p -> !caller.mayUse(p)).toList();
        if (refused.isEmpty()) return;
        throw BatonException.builder(ErrorCode.PERMISSION_DENIED, "key '" + caller.name() + "' may not use "
                        + (refused.size() == 1 ? "profile " : "profiles ") + String.join(", ", refused) + ", which operation "
                        + d.id() + " needs; it may use " + String.join(", ", caller.profiles()))
                .suggestion("run the operation with a key allowed those profiles (baton keys create --profiles ...)").build();
    }

    private ObjectNode listing(OperationEntry e) {
        OperationDefinition d = e.definition();
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", d.id()).put("feature", d.feature())
                .put("operation", d.operation()).put("mode", d.mode().label()).put("description", d.description())
                .put("source", e.source()).put("shadowed", e.shadowed());
        if (e.file() != null) o.put("file", display(e.file())).put("line", e.line());
        if (d.mode() == OperationMode.MONOLITHIC) o.put("profile", d.profileOrDefault());
        if (d.ensemble() != null) o.put("ensemble", d.ensemble());
        return o;
    }

    private ObjectNode detail(OperationEntry e) {
        OperationDefinition d = e.definition();
        ObjectNode o = listing(e);
        if (d.system() != null) o.put("system", d.system());
        o.put("prompt", d.prompt());
        o.set("input_schema", d.inputSchema());
        o.set("response_schema", d.responseSchema());
        return o;
    }

    private static ObjectNode metadata(OperationMetadata m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("mode", m.mode().label()).put("duration_ms", m.duration().toMillis());
        m.models().forEach(o.putArray("models")::add);
        o.putObject("usage").put("input_tokens", m.usage().inputTokens()).put("output_tokens", m.usage().outputTokens())
                .put("total_tokens", m.usage().totalTokens());
        if (m.costUsd() != null) o.put("cost_usd", m.costUsd());
        if (m.ensemble() != null) o.put("ensemble", m.ensemble());
        if (m.runId() != null) o.put("run_id", m.runId());
        return o;
    }

    private String display(Path file) {
        Path root = baton.paths().projectRoot().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
