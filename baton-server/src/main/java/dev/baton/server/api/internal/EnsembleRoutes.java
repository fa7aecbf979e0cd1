package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.ensemble.EnsembleJson;
import dev.baton.ensemble.EnsembleListingJson;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEditor;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/ensembles}: list, read (with the YAML), create, update, delete and validate
 * ensembles through {@code baton.ensembles()} and {@link EnsembleEditor} — new and changed
 * content is validated before it replaces anything; only project ensembles are deleted. Files
 * are shown relative to the project root.
 */
public final class EnsembleRoutes {

    private static final String BASE = "/api/v1/ensembles";

    private final Baton baton;
    private final ObjectMapper json;
    private final EnsembleEditor editor;

    public EnsembleRoutes(Baton baton) {
        this.baton = baton;
        this.json = baton.json();
        this.editor = new EnsembleEditor(baton.ensembles());
    }

    public void mount(ApiRouter router) {
        router.get(BASE, this::list)
                .post(BASE, this::create)
                .get(BASE + "/{name}", call -> call.send(200, detail(call.param("name"))))
                .put(BASE + "/{name}", this::update)
                .delete(BASE + "/{name}", this::delete)
                .post(BASE + "/{name}/validate", this::validate);
    }

    private void list(ApiCall call) throws IOException {
        List<EnsembleListingJson> rows = new ArrayList<>();
        for (EnsembleEntry e : baton.ensembles().list()) {
            rows.add(new EnsembleListingJson(e.name(), e.spec() == null ? "" : e.spec().description(),
                    e.spec() == null ? 0 : e.spec().agents().size(), e.spec() == null ? 0 : e.spec().tests().size(),
                    e.tier().label(), display(e.file()), e.problems().size(),
                    e.spec() == null ? e.problems().getFirst().message() : null, e.shadowed()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("ensembles", json.valueToTree(rows));
        call.send(200, out);
    }

    private void create(ApiCall call) throws IOException {
        call.onlyFields("name", "yaml");
        String name = call.string("name", true);
        String yaml = call.string("yaml", true);
        editor.create(name, yaml);
        call.response().setHeader("Location", BASE + "/" + name);
        call.send(201, detail(name));
    }

    private void update(ApiCall call) throws IOException {
        call.onlyFields("yaml", "dry_run");
        String name = call.param("name");
        String yaml = call.string("yaml", true);
        JsonNode dry = call.body().get("dry_run");
        if (dry != null && !dry.isBoolean()) throw ApiCall.invalid("field 'dry_run' must be a boolean, not " + ApiCall.kind(dry));
        EnsembleEditor.Change change = editor.update(name, yaml, dry != null && dry.asBoolean(), false);
        ObjectNode out = detail(name);
        out.put("diff", change.diff()).put("written", change.written());
        call.send(200, out);
    }

    private void delete(ApiCall call) throws IOException {
        editor.delete(call.param("name"));
        call.response().setStatus(204);
    }

    private void validate(ApiCall call) throws IOException {
        String name = call.param("name");
        Path file = baton.ensembles().locate(name);
        List<Problem> problems = baton.ensembles().validate(file);
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", name).put("file", display(file))
                .put("valid", problems.isEmpty());
        problems(out.putArray("problems"), problems);
        call.send(200, out);
    }

    /** The ensemble's definition ({@link EnsembleJson}), its YAML and its parse problems. */
    private ObjectNode detail(String name) {
        Path file = baton.ensembles().locate(name);
        EnsembleEntry entry = baton.ensembles().read(file);
        ObjectNode out;
        if (entry.spec() == null) {
            out = JsonNodeFactory.instance.objectNode().put("name", entry.name()).put("file", display(file))
                    .put("tier", entry.tier().label());
        } else {
            out = json.valueToTree(describe(entry.spec(), display(file), entry.tier().label()));
        }
        out.put("yaml", read(file));
        problems(out.putArray("problems"), entry.problems());
        return out;
    }

    static void problems(ArrayNode array, List<Problem> problems) {
        for (Problem p : problems) {
            ObjectNode o = array.addObject().put("file", p.file()).put("message", p.message());
            if (p.agent() != null) o.put("agent", p.agent());
            if (p.line() > 0) o.put("line", p.line());
        }
    }

    private static EnsembleJson describe(EnsembleSpec s, String file, String tier) {
        List<EnsembleJson.Agent> agents = new ArrayList<>();
        for (AgentSpec a : s.agents()) {
            agents.add(new EnsembleJson.Agent(a.name(), a.kind().name(), uses(a), a.dependsOn(), a.fanOut() ? Boolean.TRUE : null,
                    a.when() == null ? null : a.when().toString(), a.fallbackModelProfile()));
        }
        return new EnsembleJson(s.name(), file, tier, s.description(), s.defaultTask(), s.maxConcurrency(),
                s.budget() == null ? null : new EnsembleJson.Budget(s.budget().usd(), s.budget().tokens()),
                s.deliverable(), agents, s.tests().stream().map(EnsembleTestCase::name).toList(),
                EnsembleJson.llmOrc(s.orc()));
    }

    private static String uses(AgentSpec a) {
        return switch (a.kind()) {
            case AgentKind.Script s -> s.script().contains("\n") || s.script().length() > 40 ? "inline shell" : s.script();
            case AgentKind.Ensemble e -> e.ensemble();
            case AgentKind.Loop l -> l.loop().body();
            case AgentKind.Llm l -> l.modelProfile() != null ? l.modelProfile()
                    : l.taskType() != null && l.model() == null ? "task:" + l.taskType() : l.provider() + "/" + l.model();
            case AgentKind.Dispatch d -> "dispatch " + d.target();
            case AgentKind.Custom c -> c.kind();
        };
    }

    private String display(Path file) {
        Path root = baton.paths().projectRoot().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new BatonException(ErrorCode.VALIDATION, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
