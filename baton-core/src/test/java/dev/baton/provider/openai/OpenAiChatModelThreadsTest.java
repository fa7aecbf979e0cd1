package dev.baton.provider.openai;

import dev.baton.secret.Secret;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;
import dev.baton.testkit.LoopbackServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * code, so closing the adapter must end it; and the exchanges must not start a platform thread
 * each. Both transports: Jetty's (its timer {@code baton-http-N-timer}; its selector and tasks run on
 * virtual threads) and the JDK's ({@code HttpClient-N}).
 */
class OpenAiChatModelThreadsTest {

    private static final String COMPLETION = """
            {"id":"c1","object":"chat.completion","created":0,"model":"gpt-4o-mini",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk"})
    void given_an_adapter_that_made_calls_when_closed_then_its_client_threads_have_ended(String client) throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok(COMPLETION))) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            OpenAiChatModel model = model(server.uri(), client);
            model.chat(ChatRequest.of("hello"));
            List<Thread> threads = newThreads(before, client);
            assertThat(threads).as("the client's threads").isNotEmpty();

            model.close();

            assertThat(threads).noneMatch(Thread::isAlive);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_concurrent_calls_then_the_client_starts_no_platform_thread_per_exchange(String client) throws Exception {
        int calls = 32;
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok(COMPLETION))) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            OpenAiChatModel model = model(server.uri(), client);
            try {
                List<Thread> running = java.util.stream.IntStream.range(0, calls)
                        .mapToObj(i -> Thread.startVirtualThread(() -> model.chat(ChatRequest.of("hello " + i))))
                        .toList();
                for (Thread t : running) t.join(Duration.ofSeconds(30));

                // the JDK client's selector; Jetty's timer: one or two, never one per call
                assertThat(newThreads(before, client)).hasSizeLessThanOrEqualTo(2);
                assertThat(newThreads(before, client)).noneMatch(t -> t.getName().contains("Worker"));
            } finally {
                model.close();
            }
        }
    }

    private static OpenAiChatModel model(URI base, String client) {
        ProviderSettings settings = new ProviderSettings("openai", "openai", base, Secret.of("sk-test-123456789"),
                Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of("http_client", client));
        return new OpenAiChatModel(settings, "gpt-4o-mini",
                new ModelInfo("openai", "gpt-4o-mini", 128_000, 16_384, Set.of(), null), new ObjectMapper());
    }

    /** Platform threads of the client started since {@code before}. */
    private static List<Thread> newThreads(Set<Thread> before, String client) {
        String prefix = client.equals("jdk") ? "HttpClient-" : "baton-http-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith(prefix))
                .toList();
    }
}
