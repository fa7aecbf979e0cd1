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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/scripts}: the script agents of the project and user tiers (what
 * {@code baton scripts list|show|test} does), listed, read, and tried once with an input and
 * parameters as an agent would run them, and changed (an existing script only, checked before it
 * is saved). Trying and changing run or replace code on the server, so they are for callers no key
 * limit binds (403 otherwise).
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
                .put("/api/v1/scripts/{name}", this::update)
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

    /**
     * Replaces an existing script's text once it passes {@link ScriptSyntaxCheck}; {@code dry_run}
     * checks only. The new text goes to a temporary file beside the script, with the script's
     * permissions, which then replaces it in one rename, so a runner never reads half a script.
     */
    private void update(ApiCall call) throws IOException {
        KeyRoutes.requireUnlimited(baton.apiKeys(), call.caller(), "change scripts");
        call.onlyFields("content", "dry_run");
        ScriptInfo s = find(call.param("name"));
        // the engine also resolves names against the project root; only the catalog's script folders are edited here
        Path file = s.path().toAbsolutePath().normalize();
        if (baton.ensembles().scripts().list().stream().noneMatch(l -> l.path().toAbsolutePath().normalize().equals(file))) {
            throw BatonException.builder(ErrorCode.NOT_FOUND, "'" + s.name() + "' is " + file + ", not a script of "
                    + "the script folders; only those are changed here").suggestion("GET /api/v1/scripts lists them").build();
        }
        String content = call.string("content", true);
        JsonNode dry = call.body().get("dry_run");
        if (dry != null && !dry.isBoolean()) throw ApiCall.invalid("field 'dry_run' must be a boolean, not " + ApiCall.kind(dry));
        boolean dryRun = dry != null && dry.asBoolean();
        ScriptSyntaxCheck.Findings found = new ScriptSyntaxCheck().check(s, content);
        if (!found.errors().isEmpty()) throw new ContentProblemsException("script " + s.name(), found.errors());
        if (!dryRun) replace(s.path(), content);
        ObjectNode out = info(s).put("valid", true).put("written", !dryRun);
        EnsembleRoutes.problems(out.putArray("warnings"), found.warnings());
        call.send(200, out);
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file keeps the folder's default permissions
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
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

    /** The catalog's script {@code name}, only when it lies inside one of the script folders (no {@code ..} out of them). */
    private ScriptInfo find(String name) {
        var scripts = baton.ensembles().scripts();
        return scripts.find(name).filter(s -> inside(s.path(), scripts.searchPath())).orElseThrow(() -> BatonException.builder(ErrorCode.NOT_FOUND,
                "no script '" + name + "' in " + scripts.searchPath()).suggestion("GET /api/v1/scripts lists them").build());
    }

    private static boolean inside(Path file, List<Path> dirs) {
        Path abs = file.toAbsolutePath().normalize();
        return dirs.stream().anyMatch(d -> abs.startsWith(d.toAbsolutePath().normalize()));
    }

    private static ObjectNode info(ScriptInfo s) {
        return JsonNodeFactory.instance.objectNode().put("name", s.name()).put("tier", s.tier().label()).put("file", s.path().toString())
                .put("interpreter", s.interpreter()).put("description", s.description()).put("shadowed", s.shadowed());
    }
}
