package dev.baton.ensemble.run;

import dev.baton.llm.ChatModel;
import dev.baton.usage.BudgetEnforcer;
import java.time.Duration;
import java.util.Optional;

/**
 * Where LLM agents get their models. The application implements it over its configuration and
 * model pipeline; the ensemble engine only asks for a model by profile or by provider + model.
 * Implementations are thread-safe and may return the same model instance for many agents.
 */
public interface AgentModels {

    /** The model behind profile {@code profile}; throws a {@code NOT_FOUND} BatonException when unknown. */
    ChatModel forProfile(String profile);

    /** The model {@code model} of provider {@code provider}; throws when the provider is unknown. */
    ChatModel forModel(String provider, String model);

    boolean hasProfile(String profile);

    boolean hasProvider(String provider);

    /** The timeout the profile sets for one call, if it sets one. */
    Optional<Duration> profileTimeout(String profile);

    /**
     * The budgets the returned models reserve on before each call, or {@code null} when they have
     * no budget layer. A run's budget ({@code budget:}, {@code --budget}) is opened there as a
     * reservation scope, so agents running in parallel or queued cannot overspend it; without one
     * the engine can only stop starting agents once the run's reported spend reaches the budget.
     * Asked only for runs that have a budget.
     */
    default BudgetEnforcer budgets() {
        return null;
    }

    /**
     * Whether the returned models check JSON output themselves, as Baton's pipeline does
     * ({@link dev.baton.pipeline.internal.ValidatedChatModel} in every profile). When false (the default)
     * the engine puts that same layer around them, once, so an LLM agent's {@code output_format}
     * and {@code output_schema} hold whatever the models are.
     */
    default boolean validatesOutput() {
        return false;
    }
}
