package dev.baton.provider.openai;

import dev.baton.secret.Secret;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.testkit.LoopbackServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads an adapter's HTTP client leaves behind. Its selector thread sits in native code
 * (epoll) while the client lives, and HotSpot waits up to 300 ms at exit for threads in native
 * code, so closing the adapter must end it; and the exchanges must not start platform threads.
 */
class OpenAiChatModelThreadsTest {

    private static final String COMPLETION = """
            {"id":"c1","object":"chat.completion","created":0,"model":"gpt-4o-mini",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

    @Test
    void given_an_adapter_that_made_calls_when_closed_then_its_selector_thread_has_ended() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok(COMPLETION))) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            OpenAiChatModel model = model(server.uri());
            model.chat(ChatRequest.of("hello"));
            List<Thread> selectors = newThreads(before, "SelectorManager");
            assertThat(selectors).as("the client's selector thread").isNotEmpty();

            model.close();

            assertThat(selectors).noneMatch(Thread::isAlive);
        }
    }

    @Test
    void given_concurrent_calls_then_the_client_starts_no_platform_worker_threads() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok(COMPLETION))) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            OpenAiChatModel model = model(server.uri());
            try {
                List<Thread> calls = java.util.stream.IntStream.range(0, 8)
                        .mapToObj(i -> Thread.startVirtualThread(() -> model.chat(ChatRequest.of("hello " + i))))
                        .toList();
                for (Thread t : calls) t.join(Duration.ofSeconds(30));

                assertThat(newThreads(before, "Worker")).isEmpty();
            } finally {
                model.close();
            }
        }
    }

    private static OpenAiChatModel model(URI base) {
        ProviderSettings settings = new ProviderSettings("openai", "openai", base, Secret.of("sk-test-123456789"),
                Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of());
        return new OpenAiChatModel(settings, "gpt-4o-mini",
                new ModelInfo("openai", "gpt-4o-mini", 128_000, 16_384, Set.of(), null), new ObjectMapper());
    }

    /** Platform threads started since {@code before} whose name contains {@code part}. */
    private static List<Thread> newThreads(Set<Thread> before, String part) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("HttpClient-") && t.getName().contains(part))
                .toList();
    }
}
