package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.usage.BudgetEnforcer;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AgentModels} whose every model puts {@code labels} on each request's metadata, for runs
 * started with {@code RunOptions.callMetadata} (the HTTP server's caller key id): the pipeline
 * under the models then sees them for budgets and the ledger. A label the request already has
 * (the engine's {@code run_id}, {@code agent}, ...) is kept.
 */
final class LabelledAgentModels implements AgentModels {

    private final AgentModels models;
    private final Map<String, String> labels;

    LabelledAgentModels(AgentModels models, Map<String, String> labels) {
        this.models = models;
        this.labels = Map.copyOf(labels);
    }

    @Override
    public ChatModel forProfile(String profile) {
        return new Labelled(models.forProfile(profile), labels);
    }

    @Override
    public ChatModel forModel(String provider, String model) {
        return new Labelled(models.forModel(provider, model), labels);
    }

    @Override
    public ChatModel forTask(String taskType) {
        return new Labelled(models.forTask(taskType), labels);
    }

    @Override
    public boolean hasProfile(String profile) {
        return models.hasProfile(profile);
    }

    @Override
    public boolean hasProvider(String provider) {
        return models.hasProvider(provider);
    }

    @Override
    public java.util.Optional<String> profileProblem(String profile) {
        return models.profileProblem(profile);
    }

    @Override
    public Set<String> taskTypes() {
        return models.taskTypes();
    }

    @Override
    public Optional<String> defaultProfile() {
        return models.defaultProfile();
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        return models.profileTimeout(profile);
    }

    @Override
    public BudgetEnforcer budgets() {
        return models.budgets();
    }

    @Override
    public boolean validatesOutput() {
        return models.validatesOutput();
    }

    @Override
    public void prepare(Collection<String> profiles) {
        models.prepare(profiles);
    }

    /** One model with the labels added to every request. */
    private record Labelled(ChatModel model, Map<String, String> labels) implements ChatModel {

        @Override
        public ChatResponse chat(ChatRequest request) {
            return model.chat(labelled(request));
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return model.stream(labelled(request));
        }

        @Override
        public ModelInfo info() {
            return model.info();
        }

        @Override
        public void prepare() {
            model.prepare();
        }

        private ChatRequest labelled(ChatRequest request) {
            if (request.metadata().keySet().containsAll(labels.keySet())) return request;
            ChatRequest.Builder b = request.toBuilder();
            labels.forEach((k, v) -> {
                if (!request.metadata().containsKey(k)) b.metadata(k, v);
            });
            return b.build();
        }
    }
}
