package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedReply;
import dev.baton.provider.scripted.ScriptedScript;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models for an ensemble's {@code tests:} cases: every profile and provider is one scripted
 * model that answers each agent (request metadata {@code agent}) with that agent's replies in
 * order, the last one repeating; an agent without replies gets the scripted model's labelled
 * offline reply. Nothing leaves the process. Thread-safe.
 */
final class ScriptedAgentModels implements AgentModels {

    static final String MODEL = "test";

    private final Map<String, List<String>> replies;
    private final ConcurrentHashMap<String, ScriptedChatModel> perAgent = new ConcurrentHashMap<>();
    private final ChatModel dispatcher = new Dispatcher();

    ScriptedAgentModels(Map<String, List<String>> replies) {
        this.replies = Map.copyOf(replies);
    }

    @Override
    public ChatModel forProfile(String profile) {
        return dispatcher;
    }

    @Override
    public ChatModel forModel(String provider, String model) {
        return dispatcher;
    }

    /** Every task type gets the same scripted model: a test case's replies are per agent. */
    @Override
    public ChatModel forTask(String taskType) {
        return dispatcher;
    }

    @Override
    public boolean hasProfile(String profile) {
        return true;
    }

    @Override
    public boolean hasProvider(String provider) {
        return true;
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        return Optional.empty();
    }

    private ScriptedChatModel model(ChatRequest request) {
        String agent = request.metadata().getOrDefault("agent", "");
        return perAgent.computeIfAbsent(agent, a -> ScriptedChatModel.fromScript(script(replies.get(a)), MODEL));
    }

    /** The replies in order, then the last one for every further call. */
    private static ScriptedScript script(List<String> texts) {
        if (texts == null || texts.isEmpty()) return ScriptedScript.empty();
        ScriptedScript.Builder b = ScriptedScript.builder();
        texts.subList(0, texts.size() - 1).forEach(b::replyText);
        return b.fallback(ScriptedReply.text(texts.getLast())).build();
    }

    private final class Dispatcher implements ChatModel {
        @Override
        public ChatResponse chat(ChatRequest request) {
            return model(request).chat(request);
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return model(request).stream(request);
        }

        @Override
        public ModelInfo info() {
            return ScriptedChatModel.of(MODEL).info();
        }
    }
}
