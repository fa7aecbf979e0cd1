package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A blocked Converse call ends promptly when its caller is interrupted or its deadline comes. */
class BedrockChatCancellationTest extends BedrockLoopbackTest {

    @Test
    void interrupting_a_blocked_chat_cancels_it_and_drops_the_connection() throws Exception {
        // An answer whose body never ends: the call blocks reading it.
        server.enqueue(Reply.stream("application/json", List.of("{\"output\": ")).untilClientLeaves());
        BedrockChatModel model = model(BedrockChatModelContractTest.MODEL, Duration.ofSeconds(30));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.chat(ChatRequest.of("hi"));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests().isEmpty() && System.nanoTime() < until) Thread.sleep(10);
        Thread.sleep(100);

        long start = System.nanoTime();
        caller.interrupt();

        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(t).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
            assertThat(e.retriable()).isFalse();
        });
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.awaitClientLeft(Duration.ofSeconds(10))).as("server saw the client leave").isTrue();
    }

    @Test
    void the_request_deadline_shortens_the_request_timeout() {
        server.enqueue(Reply.json(200, "{}").withFirstByteDelay(Duration.ofSeconds(3)));
        BedrockChatModel model = model(BedrockChatModelContractTest.MODEL, Duration.ofSeconds(30));

        long start = System.nanoTime();
        BatonException e = catchThrowableOfType(BatonException.class, () -> model.chat(
                ChatRequest.of("hi").withDeadline(Instant.now().plusMillis(300))));

        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }
}
