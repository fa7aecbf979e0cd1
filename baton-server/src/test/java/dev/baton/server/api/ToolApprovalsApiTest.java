package dev.baton.server.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.server.api.ApiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls of runs started over HTTP that need a person's approval: the agent of ensemble
 * {@code writer} calls {@code write_file} (a write tool: manual mode asks), the client sees the
 * pending approval in the list and on the run's event stream, approves or denies it, and the run
 * goes on with the tool's result or the denial; another key neither sees nor decides it.
 */
class ToolApprovalsApiTest {

    private static final String OTHER = "Bearer " + ApiFixture.NARROW_KEY;

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void open() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    /** One SSE event: its name and JSON data. */
    private record Event(String name, JsonNode data) {
    }

    @Test
    void a_client_sees_the_pending_approval_live_approves_it_and_the_run_completes_with_the_tools_result() throws Exception {
        String id = api.startRun("writer", "write the notes");
        try (InputStream body = events(id)) {
            BufferedReader sse = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            List<Event> seen = new ArrayList<>(eventsUntil(sse, "tool_approval_requested"));
            JsonNode requested = seen.getLast().data();

            JsonNode listed = api.read(api.get("/api/v1/approvals"));
            JsonNode ofRun = api.read(api.get("/api/v1/approvals?run=" + id));
            JsonNode ofOtherRun = api.read(api.get("/api/v1/approvals?run=no-such-run"));

            assertThat(listed.path("approvals")).hasSize(1);
            JsonNode pending = listed.path("approvals").get(0);
            String approvalId = pending.path("approval_id").asString();
            assertThat(requested.path("approval_id").asString()).isEqualTo(approvalId);
            assertThat(requested.path("run_id").asString()).isEqualTo(id);
            assertThat(pending.path("run_id").asString()).isEqualTo(id);
            assertThat(pending.path("tool").asString()).isEqualTo("write_file");
            assertThat(pending.path("category").asString()).isEqualTo("write");
            assertThat(pending.path("agent").asString()).isEqualTo("w");
            assertThat(pending.path("arguments").path("path").asString()).isEqualTo("notes.txt");
            assertThat(pending.path("why").asString()).contains("manual", "write tool");
            assertThat(pending.path("status").asString()).isEqualTo("pending");
            assertThat(ofRun.path("approvals")).hasSize(1);
            assertThat(ofOtherRun.path("approvals")).isEmpty();
            assertThat(Files.exists(api.project.resolve("notes.txt"))).as("nothing written before the approval").isFalse();

            HttpResponse<String> approved = api.post("/api/v1/approvals/" + approvalId + "/approve", "");
            seen.addAll(eventsUntil(sse, "run_completed"));

            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(api.read(approved).path("status").asString()).isEqualTo("approved");
            assertThat(api.read(approved).path("decided_by").asString()).isEqualTo("key:k1");
            assertThat(seen).extracting(Event::name).containsSubsequence("tool_call_started", "tool_approval_requested",
                    "tool_approval_decided", "tool_call_finished", "run_completed");
            JsonNode decided = seen.stream().filter(e -> e.name().equals("tool_approval_decided")).findFirst().orElseThrow().data();
            assertThat(decided.path("status").asString()).isEqualTo("approved");
            assertThat(decided.path("decided_by").asString()).isEqualTo("key:k1");
        }
        JsonNode result = api.result(id);
        assertThat(result.path("status").asString()).isEqualTo("completed");
        assertThat(result.path("agents").path("w").path("output").asString()).isEqualTo("the tool said: created notes.txt (14 bytes)");
        assertThat(Files.readString(api.project.resolve("notes.txt"))).isEqualTo("from the agent");
        assertThat(api.read(api.get("/api/v1/approvals")).path("approvals")).isEmpty();
        JsonNode audit = api.read(api.get("/api/v1/audit?run_id=" + id)).path("entries");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.path("tool").asString()).isEqualTo("write_file");
            assertThat(e.path("decision").asString()).isEqualTo("allowed");
            assertThat(e.path("decided_by").asString()).isEqualTo("key:k1");
        });
    }

    @Test
    void a_denied_call_reaches_the_agent_with_the_reason_and_is_audited_and_a_second_decision_is_409() throws Exception {
        String id = api.startRun("writer", "write the notes");
        String approvalId = awaitPending(ApiFixture.KEY);

        HttpResponse<String> denied = api.post("/api/v1/approvals/" + approvalId + "/deny", "{\"reason\":\"not in this repository\"}");
        HttpResponse<String> again = api.post("/api/v1/approvals/" + approvalId + "/approve", "");

        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
        assertThat(api.read(denied).path("status").asString()).isEqualTo("denied");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.read(again).path("error").path("message").asString()).contains("already decided: denied by key:k1");
        JsonNode result = api.result(id);
        assertThat(result.path("status").asString()).isEqualTo("completed");
        assertThat(result.path("agents").path("w").path("output").asString()).isEqualTo("the tool said: not in this repository");
        assertThat(Files.exists(api.project.resolve("notes.txt"))).isFalse();
        JsonNode audit = api.read(api.get("/api/v1/audit?run_id=" + id)).path("entries");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.path("decision").asString()).isEqualTo("denied");
            assertThat(e.path("decided_by").asString()).isEqualTo("key:k1");
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
        });
    }

    @Test
    void another_key_neither_sees_nor_decides_the_approvals_of_the_first_keys_runs() throws Exception {
        String id = api.startRun("writer", "write the notes");
        String approvalId = awaitPending(ApiFixture.KEY);

        JsonNode othersList = api.read(api.get("/api/v1/approvals", "Authorization", OTHER));
        HttpResponse<String> othersApprove = api.send("POST", "/api/v1/approvals/" + approvalId + "/approve", "",
                "Authorization", OTHER);
        HttpResponse<String> othersDeny = api.send("POST", "/api/v1/approvals/" + approvalId + "/deny", "{}",
                "Authorization", OTHER);
        HttpResponse<String> unknown = api.post("/api/v1/approvals/apr_unknown/approve", "");

        assertThat(othersList.path("approvals")).isEmpty();
        assertThat(othersApprove.statusCode()).isEqualTo(404);
        assertThat(api.read(othersApprove).path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(othersDeny.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode still = api.read(api.get("/api/v1/approvals")).path("approvals");
        assertThat(still).hasSize(1);
        assertThat(still.get(0).path("status").asString()).as("the first key's approval is untouched").isEqualTo("pending");
        api.post("/api/v1/approvals/" + approvalId + "/approve", "");
        assertThat(api.result(id).path("status").asString()).isEqualTo("completed");
    }

    @Test
    void cancelling_a_run_that_waits_for_approval_denies_the_call_as_cancelled() throws Exception {
        String id = api.startRun("writer", "write the notes");
        String approvalId = awaitPending(ApiFixture.KEY);

        api.post("/api/v1/runs/" + id + "/cancel", "");

        JsonNode result = api.result(id);
        assertThat(result.path("status").asString()).isEqualTo("cancelled");
        HttpResponse<String> late = api.post("/api/v1/approvals/" + approvalId + "/approve", "");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(api.read(late).path("error").path("message").asString()).contains("cancelled");
        assertThat(api.read(api.get("/api/v1/approvals")).path("approvals")).isEmpty();
        assertThat(Files.exists(api.project.resolve("notes.txt"))).isFalse();
    }

    @Test
    void a_deny_body_is_checked_field_by_field() throws Exception {
        api.startRun("writer", "write the notes");
        String approvalId = awaitPending(ApiFixture.KEY);

        HttpResponse<String> unknownField = api.post("/api/v1/approvals/" + approvalId + "/deny", "{\"why\":\"x\"}");
        HttpResponse<String> wrongType = api.post("/api/v1/approvals/" + approvalId + "/deny", "{\"reason\":7}");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("field 'why' is not known");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("field 'reason' must be a string");
        assertThat(api.read(api.get("/api/v1/approvals")).path("approvals")).as("still pending").hasSize(1);
    }

    @Test
    void a_call_nobody_decides_within_the_configured_timeout_is_denied_and_the_agent_is_told() throws Exception {
        api.close();
        api = new ApiFixture(dir.resolve("timeout"), RestApi.Options.defaults(), "tools: {approval_timeout: 1s}\n");
        String id = api.startRun("writer", "write the notes");
        String approvalId = awaitPending(ApiFixture.KEY);

        JsonNode result = api.result(id);

        assertThat(api.api.approvals().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(result.path("agents").path("w").path("output").asString())
                .isEqualTo("the tool said: nobody approved the call of tool 'write_file' within 1 s (tools.approval_timeout), so it was denied");
        HttpResponse<String> late = api.post("/api/v1/approvals/" + approvalId + "/approve", "");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(api.read(late).path("error").path("message").asString()).contains("timed_out by approval-timeout");
        assertThat(api.read(api.get("/api/v1/audit?run_id=" + id)).path("entries").get(0).path("decided_by").asString())
                .isEqualTo("approval-timeout");
        assertThat(Files.exists(api.project.resolve("notes.txt"))).isFalse();
    }

    private String awaitPending(String key) throws Exception {
        List<String> ids = new ArrayList<>();
        waitFor(() -> {
            try {
                api.read(api.get("/api/v1/approvals", "Authorization", "Bearer " + key)).path("approvals")
                        .forEach(a -> ids.add(a.path("approval_id").asString()));
                return !ids.isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(60));
        return ids.getFirst();
    }

    private InputStream events(String runId) throws Exception {
        HttpResponse<InputStream> r = api.http.send(HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + ApiFixture.KEY).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Reads events until one named {@code last} (included); fails if the stream ends first. */
    private List<Event> eventsUntil(BufferedReader sse, String last) throws Exception {
        List<Event> out = new ArrayList<>();
        String name = null;
        String line;
        while ((line = sse.readLine()) != null) {
            if (line.startsWith("event: ")) name = line.substring(7);
            if (line.startsWith("data: ") && name != null) {
                out.add(new Event(name, api.json.readTree(line.substring(6))));
                if (name.equals(last)) return out;
                name = null;
            }
        }
        throw new AssertionError("the stream ended before " + last + "; saw " + out.stream().map(Event::name).toList());
    }
}
