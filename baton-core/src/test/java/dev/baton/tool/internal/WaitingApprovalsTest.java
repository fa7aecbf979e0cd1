package dev.baton.tool.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ToolCall;
import dev.baton.tool.Approver;
import dev.baton.tool.AuditLog;
import dev.baton.tool.TestTools.CountingTool;
import dev.baton.tool.TestTools.TestSandbox;
import dev.baton.tool.ToolApproval;
import dev.baton.tool.ToolApproval.Status;
import dev.baton.tool.ToolApprovals;
import dev.baton.tool.ToolCallRecord.Outcome;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parked tool approvals: approved, denied, timed out, cancelled, decided twice, and audited through the invoker. */
class WaitingApprovalsTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final ToolApprovals.Listener recorder = new ToolApprovals.Listener() {
        @Override
        public void requested(ToolApproval a) {
            heard.add("requested " + a.tool() + " " + a.status().wire());
        }

        @Override
        public void decided(ToolApproval a) {
            heard.add("decided " + a.tool() + " " + a.status().wire());
        }
    };

    private static Approver.Request request(String tool) {
        return new Approver.Request("child-run", "writer", tool, ToolCategory.WRITE, "{\"path\":\"a.txt\"}",
                "mode manual asks before every tool that is not read-only");
    }

    /** Asks on a virtual thread (a run's agent) and returns its future decision once the approval is pending. */
    private static CompletableFuture<Approver.Decision> ask(ToolApprovals approvals, Approver approver, String tool) throws Exception {
        CompletableFuture<Approver.Decision> answer = new CompletableFuture<>();
        int before = approvals.pending().size();
        Thread.ofVirtual().start(() -> answer.complete(approver.decide(request(tool))));
        waitFor(() -> approvals.pending().size() > before);
        return answer;
    }

    @Test
    void a_call_waits_as_a_pending_approval_until_a_person_approves_it() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        approvals.listen(recorder);
        Approver approver = approvals.approver("run-1", "k1", ToolApprovals.Listener.NONE);

        CompletableFuture<Approver.Decision> answer = ask(approvals, approver, "write_file");
        ToolApproval pending = approvals.pending().getFirst();
        Thread.sleep(100);

        assertThat(answer).as("still waiting").isNotDone();
        assertThat(pending.runId()).as("the run the approver was made for, not the child's").isEqualTo("run-1");
        assertThat(pending.owner()).isEqualTo("k1");
        assertThat(pending.agent()).isEqualTo("writer");
        assertThat(pending.arguments()).isEqualTo("{\"path\":\"a.txt\"}");
        assertThat(pending.why()).contains("manual");
        assertThat(pending.expiresAt()).isEqualTo(pending.createdAt().plus(LONG));
        assertThat(pending.status()).isEqualTo(Status.PENDING);

        ToolApproval approved = approvals.approve(pending.id(), "key:k1");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(Approver.Decision.allow("key:k1"));
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approvals.pending()).isEmpty();
        assertThat(approvals.find(pending.id())).get().extracting(ToolApproval::status).isEqualTo(Status.APPROVED);
        assertThat(heard).containsExactly("requested write_file pending", "decided write_file approved");
    }

    @Test
    void a_decision_made_while_requested_is_still_being_told_is_heard_after_it() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        ToolApprovals.Listener slow = new ToolApprovals.Listener() {
            @Override
            public void requested(ToolApproval a) {
                try {
                    Thread.sleep(300); // a slow listener: the approval is already pending and can be decided
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorder.requested(a);
            }

            @Override
            public void decided(ToolApproval a) {
                recorder.decided(a);
            }
        };
        approvals.listen(slow);
        Approver approver = approvals.approver("run-1", "k1", ToolApprovals.Listener.NONE);

        CompletableFuture<Approver.Decision> answer = ask(approvals, approver, "write_file");
        approvals.approve(approvals.pending().getFirst().id(), "key:k1");

        assertThat(answer.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(heard).containsExactly("requested write_file pending", "decided write_file approved");
    }

    @Test
    void a_denied_call_gets_the_reason_and_a_blank_reason_names_who_denied() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        Approver approver = approvals.approver("run-1", null, recorder);

        CompletableFuture<Approver.Decision> first = ask(approvals, approver, "write_file");
        approvals.deny(approvals.pending().getFirst().id(), "key:k1", "not in production");
        CompletableFuture<Approver.Decision> second = ask(approvals, approver, "run_command");
        approvals.deny(approvals.pending().getFirst().id(), "key:k2", "");

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Approver.Decision.deny("key:k1", "not in production"));
        Approver.Decision d = second.get(10, TimeUnit.SECONDS);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("key:k2 denied the call of tool 'run_command'");
        assertThat(heard).as("the approver's own listener").containsExactly("requested write_file pending",
                "decided write_file denied", "requested run_command pending", "decided run_command denied");
    }

    @Test
    void nobody_deciding_within_the_timeout_denies_and_says_so() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(Duration.ofMillis(300), Clock.systemUTC());
        Approver approver = approvals.approver("run-1", "k1", recorder);

        Approver.Decision d = approver.decide(request("write_file"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.decidedBy()).isEqualTo(ToolApprovals.TIMED_OUT_BY);
        assertThat(d.reason()).contains("within 300 ms", "tools.approval_timeout");
        assertThat(approvals.pending()).isEmpty();
        assertThat(heard).containsExactly("requested write_file pending", "decided write_file timed_out");
    }

    @Test
    void cancelling_the_run_interrupts_the_wait_denies_the_call_and_keeps_the_interrupt() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        Approver approver = approvals.approver("run-1", "k1", recorder);
        CompletableFuture<Approver.Decision> answer = new CompletableFuture<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread agent = Thread.ofVirtual().start(() -> {
            answer.complete(approver.decide(request("write_file")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waitFor(() -> !approvals.pending().isEmpty());
        String id = approvals.pending().getFirst().id();

        agent.interrupt();

        Approver.Decision d = answer.get(10, TimeUnit.SECONDS);
        agent.join(10_000);
        assertThat(d.allowed()).isFalse();
        assertThat(d.decidedBy()).isEqualTo(ToolApprovals.CANCELLED_BY);
        assertThat(d.reason()).contains("cancelled", "write_file");
        assertThat(stillInterrupted).isTrue();
        assertThat(approvals.find(id)).get().extracting(ToolApproval::status).isEqualTo(Status.CANCELLED);
        assertThatThrownBy(() -> approvals.approve(id, "key:k1")).isInstanceOfSatisfying(BatonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void deciding_twice_is_a_conflict_naming_the_first_decision_and_an_unknown_id_is_not_found() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        Approver approver = approvals.approver("run-1", "k1", ToolApprovals.Listener.NONE);
        CompletableFuture<Approver.Decision> answer = ask(approvals, approver, "write_file");
        String id = approvals.pending().getFirst().id();
        approvals.approve(id, "key:k1");

        assertThatThrownBy(() -> approvals.deny(id, "key:k1", "changed my mind"))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT))
                .hasMessageContaining("already decided: approved by key:k1");
        assertThatThrownBy(() -> approvals.approve("apr_nope", "key:k1"))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(answer.get(10, TimeUnit.SECONDS).allowed()).isTrue();
    }

    @Test
    void concurrent_decisions_have_one_winner_and_the_call_gets_its_decision() throws Exception {
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        Approver approver = approvals.approver("run-1", "k1", ToolApprovals.Listener.NONE);
        CompletableFuture<Approver.Decision> answer = ask(approvals, approver, "write_file");
        String id = approvals.pending().getFirst().id();
        List<String> winners = new CopyOnWriteArrayList<>();
        List<Thread> deciders = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String who = "key:k" + i;
            deciders.add(Thread.ofVirtual().start(() -> {
                try {
                    approvals.approve(id, who);
                    winners.add(who);
                } catch (BatonException e) {
                    // lost the race: a conflict
                }
            }));
        }
        for (Thread t : deciders) t.join(10_000);

        assertThat(winners).hasSize(1);
        assertThat(answer.get(10, TimeUnit.SECONDS).decidedBy()).isEqualTo(winners.getFirst());
    }

    @Test
    void through_the_invoker_a_write_waits_for_approval_with_redacted_arguments_and_the_audit_names_the_decider() throws Exception {
        List<AuditLog.Entry> audited = new CopyOnWriteArrayList<>();
        AuditLog audit = new AuditLog() {
            @Override
            public void record(Entry entry) {
                audited.add(entry);
            }

            @Override
            public List<Entry> list(Filter filter) {
                return List.copyOf(audited);
            }
        };
        CountingTool write = new CountingTool("save", ToolCategory.WRITE, """
                {"type": "object", "properties": {"text": {"type": "string"}, "api_key": {"type": "string"}}}""",
                a -> ToolResult.ok("saved " + a.path("text").asString()));
        ToolApprovals approvals = ToolApprovals.create(LONG, Clock.systemUTC());
        ToolInvoker invoker = new DefaultTools(new ToolRegistry(), ToolPermissions.of(ToolPolicy.DEFAULT), TestSandbox.of(dir), audit,
                Clock.systemUTC()).invoker(List.of(write), ToolPermissions.of(ToolPolicy.DEFAULT),
                approvals.approver("run-1", "k1", ToolApprovals.Listener.NONE), ToolListener.NONE);
        ToolContext context = new ToolContext("run-1", "writer", TestSandbox.of(dir), Instant.now().plus(LONG));
        CompletableFuture<ToolInvoker.Invocation> call = CompletableFuture.supplyAsync(() -> invoker.invoke(
                new ToolCall("c1", "save", "{\"text\":\"hi\",\"api_key\":\"sk-live-0123456789abcdef\"}"), context),
                r -> Thread.ofVirtual().start(r));
        waitFor(() -> !approvals.pending().isEmpty());
        ToolApproval pending = approvals.pending().getFirst();

        assertThat(write.calls).as("nothing runs before the approval").hasValue(0);
        assertThat(pending.arguments()).contains("[redacted]").doesNotContain("sk-live");
        assertThat(pending.why()).contains("mode manual", "'save' is a write tool");
        approvals.approve(pending.id(), "key:k1");

        ToolInvoker.Invocation done = call.get(10, TimeUnit.SECONDS);
        assertThat(done.result().content()).isEqualTo("saved hi");
        assertThat(done.record().outcome()).isEqualTo(Outcome.OK);
        assertThat(done.record().decidedBy()).isEqualTo("key:k1");
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo("allowed");
            assertThat(e.decidedBy()).isEqualTo("key:k1");
            assertThat(e.arguments()).doesNotContain("sk-live");
        });
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s");
            Thread.sleep(10);
        }
    }
}
