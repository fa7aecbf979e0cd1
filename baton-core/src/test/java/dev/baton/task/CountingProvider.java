package dev.baton.task;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.scripted.ScriptedChatModel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provider kind {@code counting} for task tests: counts the calls each model receives (one model
 * per agent, so calls per agent) and behaves by its name: {@code slow-N} answers after N ms
 * (interruptibly), {@code bad} fails with {@code AUTHENTICATION} (not retried by the pipeline),
 * anything else answers at once.
 */
final class CountingProvider implements ProviderFactory {

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    int calls(String model) {
        return calls.getOrDefault(model, new AtomicInteger()).get();
    }

    int finished(String model) {
        return finished.getOrDefault(model, new AtomicInteger()).get();
    }

    @Override
    public String kind() {
        return "counting";
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json) {
        ScriptedChatModel scripted = ScriptedChatModel.of(model);
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                calls.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
                if (model.equals("bad")) throw new BatonException(ErrorCode.AUTHENTICATION, "the bad model always fails");
                if (model.startsWith("slow-")) {
                    try {
                        Thread.sleep(Long.parseLong(model.substring(5)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BatonException(ErrorCode.TIMEOUT, "interrupted");
                    }
                }
                finished.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
                return ChatResponse.ofText("answer of " + model, dev.baton.llm.Usage.of(10, 5), "counting", model);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return scripted.stream(request);
            }

            @Override
            public ModelInfo info() {
                return scripted.info();
            }
        };
    }
}
