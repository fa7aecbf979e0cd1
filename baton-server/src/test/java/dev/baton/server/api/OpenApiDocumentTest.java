package dev.baton.server.api;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/openapi.json} against the implementation: every route the module serves is
 * documented, every documented operation is served, and what each answers validates against the
 * schema the document gives for that status.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @TempDir
    Path dir;

    private ApiFixture api;
    private JsonNode document;
    private ObjectNode defs;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @BeforeEach
    void open() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        HttpResponse<String> doc = api.http.send(HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).as("served without a key").isEqualTo(200);
        // the schemas' $refs point into components; as a JSON Schema they become $defs of one document
        document = api.json.readTree(doc.body().replace("#/components/schemas/", "#/$defs/"));
        defs = (ObjectNode) document.path("components").path("schemas");
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void the_document_is_openapi_3_1_and_lists_exactly_the_routes_served() {
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        List<String> documented = operations().stream().map(o -> o.method().toUpperCase(Locale.ROOT) + " " + o.path()).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.api.routes());
    }

    @Test
    void every_documented_operation_answers_and_its_answer_validates_against_the_documented_schema() throws Exception {
        String runId = api.startRun("shell", "doc");
        api.result(runId);
        HttpResponse<String> batch = api.post("/api/v1/runs/batch", "{\"ensemble\":\"shell\",\"inputs\":[\"b\"]}");
        String batchId = api.read(batch).path("batch_id").asString();
        api.post("/api/v1/ensembles", "{\"name\":\"scratch\",\"yaml\":\"name: scratch\\nagents:\\n  - {name: a, script: printf a}\\n\"}");
        String echoYaml = api.read(api.get("/api/v1/ensembles/echo")).path("yaml").asString();
        String writerRun = api.startRun("writer", "doc");
        String approvalId = pendingApproval();
        api.write(".baton/operations/text.yaml", OperationsApiTest.OPERATIONS);
        api.write(".baton/scripts/echo.sh", "printf 'hi'\n"); // what /api/v1/scripts/{name} reads and tries
        String taskId = api.read(api.post("/api/v1/tasks", "{\"target\":\"shell\",\"input\":\"doc\",\"run_at\":\"2999-01-01T00:00:00Z\"}"))
                .path("id").asString();
        Map<String, String> bodies = Map.of(
                "POST /api/v1/ensembles", "{\"name\":\"made\",\"yaml\":\"name: made\\nagents:\\n  - {name: a, script: printf a}\\n\"}",
                "PUT /api/v1/ensembles/{name}", api.json.writeValueAsString(Map.of("yaml", echoYaml, "dry_run", true)),
                "POST /api/v1/runs", "{\"ensemble\":\"shell\",\"input\":\"again\"}",
                "POST /api/v1/runs/batch", "{\"ensemble\":\"shell\",\"inputs\":[\"x\",\"y\"]}",
                "POST /api/v1/operations/{id}/run", "{\"input\":{\"text\":\"hi\"}}",
                "POST /api/v1/tasks", "{\"target\":\"shell\",\"input\":\"later\",\"run_at\":\"2999-01-01T00:00:00Z\",\"priority\":5}");

        List<String> answered = new ArrayList<>();
        List<Operation> ops = new ArrayList<>(operations());
        ops.sort((a, b) -> Boolean.compare(a.method().equals("delete"), b.method().equals("delete"))); // deletes last
        for (Operation op : ops) {
            String key = op.method().toUpperCase(Locale.ROOT) + " " + op.path();
            String path = op.path().replace("{name}", op.method().equals("delete") ? "scratch" : "echo")
                    .replace("{ensemble}", "shell").replace("{execution}", "latest")
                    .replace("/operations/{id}", "/operations/text.upper").replace("/batches/{id}", "/batches/" + batchId).replace("/approvals/{id}", "/approvals/" + approvalId)
                    .replace("/tasks/{id}", "/tasks/" + taskId)
                    .replace("{id}", runId);
            HttpResponse<String> r = api.send(op.method().toUpperCase(Locale.ROOT), path, bodies.getOrDefault(key,
                    op.method().equals("post") || op.method().equals("put") ? "{}" : null));

            assertThat(r.statusCode()).as(key + " answers: " + r.body()).isNotIn(404, 405);
            validate(op, r);
            answered.add(key + " " + r.statusCode());
        }
        assertThat(answered).contains("POST /api/v1/runs 202", "POST /api/v1/ensembles 201", "DELETE /api/v1/ensembles/{name} 204",
                "GET /api/v1/runs/{id}/result 200", "PUT /api/v1/ensembles/{name} 200", "POST /api/v1/runs/batch 202",
                "GET /api/v1/approvals 200", "GET /api/v1/operations/{id} 200", "POST /api/v1/operations/{id}/run 200", "POST /api/v1/approvals/{id}/approve 200", "POST /api/v1/approvals/{id}/deny 409",
                "POST /api/v1/tasks 201", "GET /api/v1/tasks 200", "GET /api/v1/tasks/{id} 200", "POST /api/v1/tasks/{id}/cancel 200");

        // the approval events of a run follow the event schema
        api.result(writerRun);
        Operation events = operations().stream().filter(o -> o.path().equals("/api/v1/runs/{id}/events")).findFirst().orElseThrow();
        HttpResponse<String> stream = api.get("/api/v1/runs/" + writerRun + "/events");
        assertThat(stream.body()).contains("event: tool_approval_requested", "event: tool_approval_decided");
        validate(events, stream);

        // error answers follow the document too
        Operation getRun = operations().stream().filter(o -> o.path().equals("/api/v1/runs/{id}")).findFirst().orElseThrow();
        HttpResponse<String> missing = api.get("/api/v1/runs/no-such-run");
        assertThat(missing.statusCode()).isEqualTo(404);
        validate(getRun, missing);
    }

    private record Operation(String path, String method, JsonNode spec) {
    }

    /** The id of the approval the {@code writer} run waits for. */
    private String pendingApproval() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode pending = api.read(api.get("/api/v1/approvals")).path("approvals");
            if (!pending.isEmpty()) return pending.get(0).path("approval_id").asString();
            Thread.sleep(20);
        }
        throw new AssertionError("no pending approval within 60 s");
    }

    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> m : path.getValue().properties()) {
                if (METHODS.contains(m.getKey())) out.add(new Operation(path.getKey(), m.getKey(), m.getValue()));
            }
        }
        return out;
    }

    private void validate(Operation op, HttpResponse<String> r) {
        String key = op.method() + " " + op.path() + " " + r.statusCode();
        JsonNode response = op.spec().path("responses").path(Integer.toString(r.statusCode()));
        if (response.isMissingNode()) response = op.spec().path("responses").path("default");
        assertThat(response.isMissingNode()).as(key + " is documented").isFalse();
        if (response.has("$ref")) {
            String name = response.path("$ref").asString().substring("#/components/responses/".length());
            response = document.path("components").path("responses").path(name);
        }
        if (r.statusCode() == 204) return;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("text/event-stream")) {
            assertThat(response.path("content").has("text/event-stream")).as(key).isTrue();
            for (String line : r.body().lines().toList()) {
                if (line.startsWith("data: ")) check(key + " event", "RunEvent", api.json.readTree(line.substring(6)));
            }
            return;
        }
        assertThat(type).as(key).startsWith("application/json");
        JsonNode schema = response.path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as(key + " has a JSON schema").isFalse();
        check(key, schema, api.json.readTree(r.body()));
    }

    private void check(String what, String def, JsonNode value) {
        check(what, api.json.createObjectNode().put("$ref", "#/$defs/" + def), value);
    }

    private void check(String what, JsonNode schema, JsonNode value) {
        ObjectNode root = api.json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", defs);
        schema.properties().forEach(e -> root.set(e.getKey(), e.getValue()));
        Schema s = schemas.getSchema(root);
        List<Error> errors = s.validate(value);
        assertThat(errors).as(what + ": " + value).isEmpty();
    }
}
