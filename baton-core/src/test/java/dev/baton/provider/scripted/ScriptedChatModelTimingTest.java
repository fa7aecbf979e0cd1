package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedChatModelTimingTest {

    private static ScriptedChatModel modelWith(ScriptedReply reply) {
        return ScriptedChatModel.fromScript(ScriptedScript.builder().reply(reply).build(), "m");
    }

    @Test
    void latency_is_waited_before_answering() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("slow").withLatency(Duration.ofMillis(200)));

        long start = System.nanoTime();
        ChatResponse response = model.chat(ChatRequest.of("x"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(response.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void latency_is_interruptible_and_keeps_the_interrupt_flag() throws Exception {
        ScriptedChatModel model = modelWith(ScriptedReply.text("never").withLatency(Duration.ofSeconds(30)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);

        Thread caller = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                model.chat(ChatRequest.of("x"));
            } catch (Throwable t) {
                failure.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        started.await();
        Thread.sleep(100);
        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(failure.get()).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
            assertThat(e.retriable()).isFalse();
        });
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void latency_ends_at_the_request_deadline_with_a_timeout() {
        ScriptedChatModel model = modelWith(ScriptedReply.text("never").withLatency(Duration.ofSeconds(30)));
        ChatRequest request = ChatRequest.builder().user("x").deadline(Instant.now().plusMillis(200)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> model.chat(request))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_passed_deadline_fails_at_once_even_without_latency() {
        ChatRequest late = ChatRequest.builder().user("x").deadline(Instant.now().minusSeconds(1)).build();

        assertThatThrownBy(() -> ScriptedChatModel.of("m").chat(late))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        assertThatThrownBy(() -> ScriptedChatModel.of("m").stream(late)).isInstanceOf(BatonException.class);
    }

    @Test
    void concurrent_calls_overlap_their_latency() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .rule(".", ScriptedReply.text("ok").withLatency(Duration.ofMillis(300))).build(), "m");

        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChatResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) calls.add(pool.submit(() -> model.chat(ChatRequest.of("x"))));
            for (Future<ChatResponse> call : calls) assertThat(call.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
        }

        // 20 sequential calls would take 6 s; overlapping ones take about one latency.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void records_every_request_from_100_virtual_threads_and_hands_each_ordered_reply_out_once() throws Exception {
        ScriptedScript.Builder script = ScriptedScript.builder();
        for (int i = 0; i < 50; i++) script.replyText("reply " + i);
        ScriptedChatModel model = ScriptedChatModel.fromScript(script.build(), "m");
        Map<String, String> answerByPrompt = new HashMap<>();
        CountDownLatch go = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String[]>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String prompt = "prompt " + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return new String[]{prompt, model.chat(ChatRequest.of(prompt)).text()};
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<String[]> call : calls) {
                String[] pair = call.get(10, TimeUnit.SECONDS);
                answerByPrompt.put(pair[0], pair[1]);
            }
        }

        assertThat(model.callCount()).isEqualTo(100);
        List<ChatRequest> recorded = model.requests();
        assertThat(new HashSet<>(recorded.stream().map(ChatRequest::lastUserText).toList())).hasSize(100);
        for (int i = 0; i < 50; i++) {
            assertThat(answerByPrompt.get(recorded.get(i).lastUserText())).isEqualTo("reply " + i);
        }
        for (int i = 50; i < 100; i++) {
            assertThat(answerByPrompt.get(recorded.get(i).lastUserText())).startsWith("[offline scripted reply");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
