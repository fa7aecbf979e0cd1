package dev.baton.ensemble.run;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.usage.BudgetEnforcer;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Why the profile {@code profile} exists but cannot be used (an llm-orc profile on a
     * subscription login, say), naming its file; empty for a usable or unknown profile.
     */
    default java.util.Optional<String> profileProblem(String profile) {
        return java.util.Optional.empty();
    }

    /**
     * The task types {@code routing:} defines; an agent's {@code task_type} outside them runs on
     * the {@link #defaultProfile()} or does not validate. Empty (the default): no routing.
     */
    default Set<String> taskTypes() {
        return Set.of();
    }

    /**
     * The profile {@code default_profile} names, which a {@code task_type} that {@code routing:}
     * does not define runs on; empty (the default) when none is configured.
     */
    default Optional<String> defaultProfile() {
        return Optional.empty();
    }

    /**
     * The model for an agent's {@code task_type}: the route {@code routing:} gives it (the first
     * of its profiles whose context window holds the request, then fallbacks), else the
     * {@link #defaultProfile()}. The response's {@code profile} names the profile that answered.
     * The default covers models without routing; implementations with routing override it.
     *
     * @throws BatonException {@code NOT_FOUND} when the task type has no route and there is no default profile
     */
    default ChatModel forTask(String taskType) {
        return forProfile(defaultProfile().orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND,
                "task type '" + taskType + "' has no route under `routing:` and no `default_profile` is set")));
    }

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
     * (a validating layer in every profile). When false (the default)
     * the engine puts that same layer around them, once, so an LLM agent's {@code output_format}
     * and {@code output_schema} hold whatever the models are.
     */
    default boolean validatesOutput() {
        return false;
    }

    /**
     * Starts, in the background, what the first calls through {@code profiles} (profile names or
     * {@code provider/model}) would otherwise wait for, such as opening the usage store and
     * building adapters. Optional: results are the same without it, and problems are left for the
     * calls themselves to report.
     */
    default void prepare(Collection<String> profiles) {
    }
}
