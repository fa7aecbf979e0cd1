package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.ScriptTrial;
import dev.baton.ensemble.service.ScriptTrialResult;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * {@code /api/v1/scripts}: the script agents of the project and user tiers (what
 * {@code baton scripts list|show|test} does), listed, read, and tried once with an input and
 * parameters as an agent would run them. Trying runs code on the server, so it is for callers no
 * key limit binds (403 otherwise).
 */
public final class ScriptRoutes {

    static final int MAX_TIMEOUT_SECONDS = 120;

    private final Baton baton;

    public ScriptRoutes(Baton baton) {
        this.baton = baton;
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/scripts", this::list)
                .get("/api/v1/scripts/{name}", this::show)
                .post("/api/v1/scripts/{name}/test", this::test);
    }

    private void list(ApiCall call) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var rows = out.putArray("scripts");
        for (ScriptInfo s : baton.ensembles().scripts().list()) rows.add(info(s));
        call.send(200, out);
    }

    private void show(ApiCall call) throws IOException {
        ScriptInfo s = find(call.param("name"));
        call.send(200, info(s).put("content", Files.readString(s.path(), StandardCharsets.UTF_8)));
    }

    private void test(ApiCall call) throws IOException {
        KeyRoutes.requireUnlimited(baton.apiKeys(), call.caller(), "try scripts");
        call.onlyFields("input", "parameters", "timeout_seconds");
        ScriptInfo s = find(call.param("name"));
        JsonNode params = call.body().get("parameters");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw ApiCall.invalid("field 'parameters' must be an object, not " + ApiCall.kind(params));
        }
        Integer timeout = call.positiveInt("timeout_seconds", MAX_TIMEOUT_SECONDS);
        ScriptTrial trial = new ScriptTrial(call.string("input", false), params == null || params.isNull() ? null : (ObjectNode) params,
                null, Duration.ofSeconds(timeout == null ? 30 : timeout));
        ScriptTrialResult r;
        try {
            r = baton.ensembles().scripts().test(s, trial);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while trying " + s.name());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", s.name()).put("ok", r.ok()).put("failure", r.failure())
                .put("exit_code", r.process().exitCode()).put("stdout", r.process().stdout())
                .put("stdout_overflowed", r.process().stdoutOverflowed()).put("stderr_tail", r.process().stderrTail())
                .put("duration_ms", r.process().duration().toMillis()).put("timed_out", r.process().timedOut());
        out.putArray("command").addAll(r.command().stream().map(JsonNodeFactory.instance::stringNode).toList());
        call.send(200, out);
    }

    private ScriptInfo find(String name) {
        return baton.ensembles().scripts().find(name).orElseThrow(() -> BatonException.builder(ErrorCode.NOT_FOUND,
                "no script '" + name + "' in " + baton.ensembles().scripts().searchPath()).suggestion("GET /api/v1/scripts lists them").build());
    }

    private static ObjectNode info(ScriptInfo s) {
        return JsonNodeFactory.instance.objectNode().put("name", s.name()).put("tier", s.tier().label()).put("file", s.path().toString())
                .put("interpreter", s.interpreter()).put("description", s.description()).put("shadowed", s.shadowed());
    }
}
