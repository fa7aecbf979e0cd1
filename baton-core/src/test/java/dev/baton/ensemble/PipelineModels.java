package dev.baton.ensemble;

import dev.baton.ensemble.run.AgentModels;

import dev.baton.llm.ChatModel;
import dev.baton.pipeline.Pipeline;
import dev.baton.usage.BudgetEnforcer;
import java.time.Duration;
import java.util.Optional;

/** {@link AgentModels} over a real {@link Pipeline}, as {@code Baton} wires them: profiles only. */
public record PipelineModels(Pipeline pipeline) implements AgentModels {

    @Override
    public ChatModel forProfile(String profile) {
        return pipeline.forProfile(profile);
    }

    @Override
    public ChatModel forModel(String provider, String model) {
        throw new UnsupportedOperationException("profiles only");
    }

    @Override
    public boolean hasProfile(String profile) {
        return pipeline.profiles().containsKey(profile);
    }

    @Override
    public boolean hasProvider(String provider) {
        return false;
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        return Optional.ofNullable(pipeline.profiles().get(profile)).map(p -> p.timeout());
    }

    @Override
    public BudgetEnforcer budgets() {
        return pipeline.budgets();
    }

    @Override
    public boolean validatesOutput() {
        return true;
    }
}
