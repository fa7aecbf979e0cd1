package dev.baton.cli;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import dev.baton.provider.scripted.ScriptedChatModel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models a {@code tests:} case runs with: an agent named in the case's {@code replies} gets
 * its replies in order (the last repeats); any other agent (e.g. those of a loop body) gets the
 * offline scripted model, which answers a JSON-schema request with a valid instance. Profile and
 * provider lookups go to the real models, so validation sees the configured profiles.
 */
final class TestReplyModels implements AgentModels {

    private final AgentModels real;
    private final ChatModel model;

    private TestReplyModels(AgentModels real, Map<String, List<String>> replies) {
        this.real = real;
        this.model = new ReplyModel(replies, ScriptedChatModel.of("offline"));
    }

    static TestReplyModels of(AgentModels real, Map<String, List<String>> replies) {
        return new TestReplyModels(real, replies);
    }

    @Override
    public ChatModel forProfile(String profile) {
        return model;
    }

    @Override
    public ChatModel forModel(String provider, String modelName) {
        return model;
    }

    @Override
    public boolean hasProfile(String profile) {
        return real.hasProfile(profile);
    }

    @Override
    public boolean hasProvider(String provider) {
        return real.hasProvider(provider);
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        return real.profileTimeout(profile);
    }

    private record ReplyModel(Map<String, List<String>> replies, ScriptedChatModel offline,
                              Map<String, AtomicInteger> next) implements ChatModel {
        ReplyModel(Map<String, List<String>> replies, ScriptedChatModel offline) {
            this(replies, offline, new ConcurrentHashMap<>());
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            String agent = request.metadata().get("agent");
            List<String> texts = agent == null ? null : replies.get(agent);
            if (texts == null || texts.isEmpty()) return offline.chat(request);
            int i = next.computeIfAbsent(agent, k -> new AtomicInteger()).getAndIncrement();
            return ChatResponse.ofText(texts.get(Math.min(i, texts.size() - 1)), Usage.of(1, 1), "scripted", "test");
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return offline.stream(request);
        }

        @Override
        public ModelInfo info() {
            return offline.info();
        }
    }
}
