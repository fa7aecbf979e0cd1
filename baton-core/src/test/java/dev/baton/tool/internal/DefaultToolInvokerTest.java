package dev.baton.tool.internal;

import dev.baton.llm.ToolCall;
import dev.baton.store.internal.JdbcAuditLog;
import dev.baton.tool.Approver;
import dev.baton.tool.AuditLog;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord.Outcome;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.TestTools.BlockingTool;
import dev.baton.tool.TestTools.CountingTool;
import dev.baton.tool.TestTools.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The invoker: every path a call can take, from lookup to audit. */
class DefaultToolInvokerTest {

    @TempDir
    Path dir;

    private final List<AuditLog.Entry> audited = new CopyOnWriteArrayList<>();
    private final AuditLog memoryAudit = new AuditLog() {
        @Override
        public void record(Entry entry) {
            audited.add(entry);
        }

        @Override
        public List<Entry> list(Filter filter) {
            return List.copyOf(audited);
        }
    };

    private DefaultTools tools(TestSandbox sandbox, AuditLog audit) {
        return new DefaultTools(new ToolRegistry(), ToolPermissions.of(ToolPolicy.DEFAULT), sandbox, audit, Clock.systemUTC());
    }

    private ToolInvoker invoker(List<Tool> available, ToolPermissions permissions, Approver approver) {
        return tools(TestSandbox.of(dir), memoryAudit).invoker(available, permissions, approver, ToolListener.NONE);
    }

    private ToolContext context() {
        return new ToolContext("run-1", "agent-a", TestSandbox.of(dir), Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static ToolPermissions trust(String... allow) {
        return ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of(allow), List.of()));
    }

    private static final Approver NEVER_ASKED = r -> {
        throw new AssertionError("the approver was asked about " + r.tool());
    };

    @Test
    void schema_invalid_arguments_never_reach_the_tool_and_the_error_names_the_field() {
        CountingTool echo = CountingTool.echo("echo", ToolCategory.READ);
        ToolInvoker invoker = invoker(List.of(echo), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED);

        var wrongType = invoker.invoke(new ToolCall("c1", "echo", "{\"text\": 42}"), context());
        var missing = invoker.invoke(new ToolCall("c2", "echo", "{}"), context());
        var extra = invoker.invoke(new ToolCall("c3", "echo", "{\"text\": \"x\", \"other\": 1}"), context());

        assertThat(echo.calls).hasValue(0);
        assertThat(wrongType.record().outcome()).isEqualTo(Outcome.INVALID_ARGUMENTS);
        assertThat(wrongType.result().isError()).isTrue();
        assertThat(wrongType.result().content()).contains("field 'text'");
        assertThat(missing.result().content()).contains("text");
        assertThat(extra.result().content()).contains("other");
        assertThat(audited).extracting(AuditLog.Entry::outcome).containsOnly(Outcome.INVALID_ARGUMENTS);
    }

    @Test
    void a_tool_with_an_unusable_schema_is_never_run() {
        CountingTool broken = new CountingTool("broken", ToolCategory.READ, "{\"type\": ", a -> ToolResult.ok("ran"));

        var r = invoker(List.of(broken), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED)
                .invoke(new ToolCall("c1", "broken", "{}"), context());

        assertThat(broken.calls).hasValue(0);
        assertThat(r.record().outcome()).isEqualTo(Outcome.INVALID_ARGUMENTS);
        assertThat(r.result().content()).contains("unusable parameters schema");
    }

    @Test
    void arguments_that_are_not_json_or_not_an_object_are_invalid_arguments() {
        CountingTool echo = CountingTool.echo("echo", ToolCategory.READ);
        ToolInvoker invoker = invoker(List.of(echo), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED);

        var notJson = invoker.invoke(new ToolCall("c1", "echo", "{\"text\": "), context());
        var array = invoker.invoke(new ToolCall("c2", "echo", "[1]"), context());

        assertThat(echo.calls).hasValue(0);
        assertThat(notJson.record().outcome()).isEqualTo(Outcome.INVALID_ARGUMENTS);
        assertThat(notJson.result().content()).contains("not JSON");
        assertThat(array.result().content()).contains("expected a JSON object");
    }

    @Test
    void a_name_outside_the_callers_tools_is_unknown_and_the_error_lists_what_it_may_call() {
        CountingTool echo = CountingTool.echo("echo", ToolCategory.READ);
        ToolInvoker invoker = invoker(List.of(echo), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED);

        var r = invoker.invoke(new ToolCall("c1", "write_file", "{}"), context());

        assertThat(r.record().outcome()).isEqualTo(Outcome.UNKNOWN_TOOL);
        assertThat(r.result().content()).contains("unknown tool 'write_file'").contains("echo");
    }

    @Test
    void manual_mode_blocks_a_write_tool_until_the_approver_answers() throws Exception {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Approver person = r -> {
            asked.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Approver.Decision.allow("user");
        };
        ToolInvoker invoker = invoker(List.of(write), ToolPermissions.of(ToolPolicy.DEFAULT), person);

        var pending = CompletableFuture.supplyAsync(() -> invoker.invoke(new ToolCall("c1", "write_file", "{\"text\": \"hi\"}"), context()));
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(write.calls).as("the tool waits for the answer").hasValue(0);
        assertThat(pending).isNotDone();
        answer.countDown();
        var r = pending.get(10, TimeUnit.SECONDS);

        assertThat(write.calls).hasValue(1);
        assertThat(r.record().outcome()).isEqualTo(Outcome.OK);
        assertThat(r.record().decidedBy()).isEqualTo("user");
        assertThat(r.result().content()).isEqualTo("hi");
    }

    @Test
    void a_non_interactive_run_denies_a_write_tool_says_what_would_allow_it_and_audits_it() {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        try (JdbcAuditLog audit = JdbcAuditLog.open(dir.resolve("baton.db"))) {
            ToolInvoker invoker = tools(TestSandbox.of(dir), audit)
                    .invoker(List.of(write), ToolPermissions.of(ToolPolicy.DEFAULT), new NonInteractiveApprover(), ToolListener.NONE);

            var r = invoker.invoke(new ToolCall("c1", "write_file", "{\"text\": \"hi\"}"), context());

            assertThat(write.calls).hasValue(0);
            assertThat(r.record().outcome()).isEqualTo(Outcome.DENIED);
            assertThat(r.result().isError()).isTrue();
            assertThat(r.result().content()).contains("tools: {mode: trust, allow: [write_file]}").contains("terminal");
            assertThat(audit.list(AuditLog.Filter.ALL)).singleElement().satisfies(e -> {
                assertThat(e.tool()).isEqualTo("write_file");
                assertThat(e.runId()).isEqualTo("run-1");
                assertThat(e.agent()).isEqualTo("agent-a");
                assertThat(e.decision()).isEqualTo("denied");
                assertThat(e.decidedBy()).isEqualTo(NonInteractiveApprover.DECIDED_BY);
                assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            });
        }
    }

    @Test
    void trust_mode_runs_only_allowlisted_tools_without_asking() {
        CountingTool allowed = CountingTool.echo("write_file", ToolCategory.WRITE);
        CountingTool other = CountingTool.echo("run_command", ToolCategory.EXEC);
        ToolInvoker invoker = invoker(List.of(allowed, other), trust("write_file"), new NonInteractiveApprover());

        var a = invoker.invoke(new ToolCall("c1", "write_file", "{\"text\": \"x\"}"), context());
        var b = invoker.invoke(new ToolCall("c2", "run_command", "{\"text\": \"x\"}"), context());

        assertThat(a.record().outcome()).isEqualTo(Outcome.OK);
        assertThat(a.record().decidedBy()).isEqualTo("policy");
        assertThat(b.record().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(allowed.calls).hasValue(1);
        assertThat(other.calls).hasValue(0);
    }

    @Test
    void an_agent_layer_cannot_widen_configs_allowlist_at_the_invoker() {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        ToolPermissions agent = trust("read_file").narrowedBy(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of()));
        ToolInvoker invoker = invoker(List.of(write), agent, new NonInteractiveApprover());

        var r = invoker.invoke(new ToolCall("c1", "write_file", "{\"text\": \"x\"}"), context());

        assertThat(r.record().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(write.calls).hasValue(0);
    }

    @Test
    void a_denied_pattern_is_refused_without_asking() {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        ToolPermissions denied = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of("write_*")));

        var r = invoker(List.of(write), denied, NEVER_ASKED).invoke(new ToolCall("c1", "write_file", "{\"text\": \"x\"}"), context());

        assertThat(r.record().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(r.record().decidedBy()).isEqualTo("policy");
        assertThat(r.result().content()).contains("deny");
    }

    @Test
    void allow_always_is_remembered_for_the_rest_of_the_invokers_life() {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        List<String> asked = new CopyOnWriteArrayList<>();
        Approver once = r -> {
            asked.add(r.tool());
            return Approver.Decision.allowAlways("user");
        };
        ToolInvoker invoker = invoker(List.of(write), ToolPermissions.of(ToolPolicy.DEFAULT), once);

        invoker.invoke(new ToolCall("c1", "write_file", "{\"text\": \"x\"}"), context());
        var second = invoker.invoke(new ToolCall("c2", "write_file", "{\"text\": \"y\"}"), context());

        assertThat(asked).hasSize(1);
        assertThat(write.calls).hasValue(2);
        assertThat(second.record().decidedBy()).isEqualTo("user (always)");
    }

    @Test
    void a_tool_past_its_time_limit_is_timed_out_and_its_thread_interrupted() throws Exception {
        BlockingTool block = new BlockingTool();
        TestSandbox quick = new TestSandbox(dir, Duration.ofMillis(200), 1024);
        ToolInvoker invoker = tools(quick, memoryAudit).invoker(List.of(block), ToolPermissions.of(ToolPolicy.DEFAULT),
                NEVER_ASKED, ToolListener.NONE);
        ToolContext context = new ToolContext("run-1", "a", quick, Instant.now().plus(Duration.ofMinutes(5)));

        var r = invoker.invoke(new ToolCall("c1", "block", "{}"), context);

        assertThat(r.record().outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.result().isError()).isTrue();
        assertThat(r.result().content()).contains("did not finish within 200ms");
        assertThat(block.interrupted.await(10, TimeUnit.SECONDS)).as("the tool's thread was interrupted").isTrue();
    }

    @Test
    void the_context_deadline_bounds_the_call_when_it_is_sooner_than_the_sandbox_limit() throws Exception {
        BlockingTool block = new BlockingTool();
        ToolInvoker invoker = invoker(List.of(block), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED);
        ToolContext soon = new ToolContext("run-1", "a", TestSandbox.of(dir), Instant.now().plusMillis(300));

        var r = invoker.invoke(new ToolCall("c1", "block", "{}"), soon);

        assertThat(r.record().outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.record().duration()).isLessThan(Duration.ofSeconds(25));
        assertThat(block.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_tool_that_throws_becomes_an_error_result_with_one_line_and_no_stack_trace() {
        CountingTool broken = new CountingTool("broken", ToolCategory.READ, "{\"type\": \"object\"}", a -> {
            throw new IllegalStateException("disk on fire\n\tat some.Frame(Frame.java:1)");
        });

        var r = invoker(List.of(broken), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED)
                .invoke(new ToolCall("c1", "broken", "{}"), context());

        assertThat(r.record().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.result().content()).isEqualTo("tool 'broken' failed: IllegalStateException: disk on fire");
    }

    @Test
    void a_tool_error_result_is_an_error_outcome() {
        CountingTool failing = new CountingTool("failing", ToolCategory.READ, "{\"type\": \"object\"}",
                a -> ToolResult.error("no such file"));

        var r = invoker(List.of(failing), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED)
                .invoke(new ToolCall("c1", "failing", "{}"), context());

        assertThat(r.record().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.result().content()).isEqualTo("no such file");
    }

    @Test
    void output_over_the_cap_is_cut_on_a_character_boundary_and_flagged() {
        String big = "é".repeat(100); // 200 UTF-8 bytes
        CountingTool loud = new CountingTool("loud", ToolCategory.READ, "{\"type\": \"object\"}", a -> ToolResult.ok(big));
        TestSandbox capped = new TestSandbox(dir, Duration.ofSeconds(30), 51);
        ToolInvoker invoker = tools(capped, memoryAudit).invoker(List.of(loud), ToolPermissions.of(ToolPolicy.DEFAULT),
                NEVER_ASKED, ToolListener.NONE);

        var r = invoker.invoke(new ToolCall("c1", "loud", "{}"), new ToolContext("r", "a", capped, Instant.now().plusSeconds(60)));

        assertThat(r.result().truncated()).isTrue();
        assertThat(r.result().content()).isEqualTo("é".repeat(25));
        assertThat(r.record().truncated()).isTrue();
        assertThat(r.record().outputBytes()).isEqualTo(50);
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void secrets_in_arguments_never_reach_the_record_or_the_audit_row() {
        String secret = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";
        CountingTool fetch = new CountingTool("fetch", ToolCategory.READ, "{\"type\": \"object\"}", a -> ToolResult.ok("ok"));
        try (JdbcAuditLog audit = JdbcAuditLog.open(dir.resolve("baton.db"))) {
            ToolInvoker invoker = tools(TestSandbox.of(dir), audit)
                    .invoker(List.of(fetch), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED, ToolListener.NONE);
            String args = """
                    {"url": "https://example.org", "API_Key": "hunter2-value", "headers": {"Authorization": "Basic abc"},
                     "notes": ["plain", "%s"], "accessToken": null}""".formatted(secret);

            var r = invoker.invoke(new ToolCall("c1", "fetch", args), context());

            assertThat(r.record().arguments()).doesNotContain(secret, "hunter2-value", "Basic abc")
                    .contains("https://example.org", "plain", "[redacted]");
            AuditLog.Entry row = audit.list(AuditLog.Filter.ALL).getFirst();
            assertThat(row.arguments()).doesNotContain(secret, "hunter2-value", "Basic abc").contains("[redacted]");
            assertThat(row.toString()).doesNotContain(secret);
        }
    }

    @Test
    void the_approver_sees_redacted_arguments() {
        CountingTool write = CountingTool.echo("write_file", ToolCategory.WRITE);
        List<String> seen = new CopyOnWriteArrayList<>();
        Approver spy = r -> {
            seen.add(r.arguments());
            return Approver.Decision.deny("user", "no");
        };

        invoker(List.of(write), ToolPermissions.of(ToolPolicy.DEFAULT), spy)
                .invoke(new ToolCall("c1", "write_file", "{\"text\": \"sk-ant-api03-abcdefghijklmnopqrstuv\"}"), context());

        assertThat(seen).singleElement().asString().doesNotContain("sk-ant").contains("[redacted]");
    }

    @Test
    void the_listener_hears_start_and_finish_of_every_call() {
        CountingTool echo = CountingTool.echo("echo", ToolCategory.READ);
        List<String> events = new CopyOnWriteArrayList<>();
        ToolListener listener = new ToolListener() {
            @Override
            public void toolCallStarted(ToolContext context, ToolCall call) {
                events.add("started " + call.name());
            }

            @Override
            public void toolCallFinished(ToolContext context, dev.baton.tool.ToolCallRecord record) {
                events.add("finished " + record.tool() + " " + record.outcome());
            }
        };
        ToolInvoker invoker = tools(TestSandbox.of(dir), memoryAudit)
                .invoker(List.of(echo), ToolPermissions.of(ToolPolicy.DEFAULT), NEVER_ASKED, listener);

        invoker.invoke(new ToolCall("c1", "echo", "{\"text\": \"x\"}"), context());
        invoker.invoke(new ToolCall("c2", "nope", "{}"), context());

        assertThat(events).containsExactly("started echo", "finished echo OK", "started nope", "finished nope UNKNOWN_TOOL");
    }
}
