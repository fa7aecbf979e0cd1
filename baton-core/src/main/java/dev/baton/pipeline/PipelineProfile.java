package dev.baton.pipeline;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import dev.baton.pipeline.internal.OpenAiTokenCounts;

/**
 * One model profile as the pipeline sees it: a name, the raw provider adapter, what the model is
 * ({@code info}: provider, model id, context window, prices), the call timeout, the profiles to fall
 * back to in order, the retry policy, a price override ({@code null}: use {@code info.prices()}),
 * the default {@code maxTokens} ({@code null}: the request's, else the model's maximum) and the
 * name of the credential (API key) it uses for budgets of scope {@code API_KEY} ({@code null}:
 * none; a name, never the secret), and the profile's request defaults: the function {@code model}
 * applies to each request before sending it (system prompt, temperature, max tokens, options). The
 * pipeline does not apply them itself — {@code model} does — but the budget layer prices the
 * request each profile of a chain will really send, so it must know them. {@code exactInput} is
 * an exact input bound for the model's own tokenizer, when it is known ({@link OpenAiTokenCounts};
 * {@code null}: budgets use the UTF-8 bound only).
 */
public record PipelineProfile(String name, ChatModel model, ModelInfo info, Duration timeout, List<String> fallbacks,
                              RetryPolicy retry, Prices prices, Integer maxTokens, String credential,
                              UnaryOperator<ChatRequest> requestDefaults, TokenEstimator exactInput) {

    /** The request defaults of a profile that has none: the request is sent as it is. */
    public static final UnaryOperator<ChatRequest> NO_DEFAULTS = request -> request;

    /** The timeout of a profile that names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public PipelineProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        info = info == null ? model.info() : info;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive");
        requestDefaults = requestDefaults == null ? NO_DEFAULTS : requestDefaults;
    }

    /** A profile with default timeout and retry policy, no fallbacks and the model's own info. */
    public static Builder builder(String name, ChatModel model) {
        return new Builder(name, model);
    }

    /** The prices calls of this profile cost: the override, else the model's, else {@code null}. */
    public Prices effectivePrices() {
        return prices != null ? prices : info.prices();
    }

    /** The deployment this profile calls, {@code provider/model}: the unit of cooldown. */
    public String deployment() {
        return info.provider() + "/" + info.model();
    }

    /** Builder for {@link PipelineProfile}. */
    public static final class Builder {
        private final String name;
        private final ChatModel model;
        private ModelInfo info;
        private Duration timeout;
        private List<String> fallbacks = List.of();
        private RetryPolicy retry;
        private Prices prices;
        private Integer maxTokens;
        private String credential;
        private UnaryOperator<ChatRequest> requestDefaults;
        private TokenEstimator exactInput;

        private Builder(String name, ChatModel model) {
            this.name = name;
            this.model = model;
        }

        public Builder info(ModelInfo info) { this.info = info; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder fallbacks(List<String> fallbacks) { this.fallbacks = fallbacks; return this; }
        public Builder fallbacks(String... fallbacks) { this.fallbacks = List.of(fallbacks); return this; }
        public Builder retry(RetryPolicy retry) { this.retry = retry; return this; }
        public Builder prices(Prices prices) { this.prices = prices; return this; }
        public Builder maxTokens(Integer maxTokens) { this.maxTokens = maxTokens; return this; }
        public Builder credential(String credential) { this.credential = credential; return this; }

        /** What {@code model} does to each request before sending it (it must match, or budgets under-reserve). */
        public Builder requestDefaults(UnaryOperator<ChatRequest> defaults) { this.requestDefaults = defaults; return this; }

        /** The model's exact input bound when its tokenizer is known (see {@link OpenAiTokenCounts}). */
        public Builder exactInput(TokenEstimator exactInput) { this.exactInput = exactInput; return this; }

        public PipelineProfile build() {
            return new PipelineProfile(name, model, info, timeout, fallbacks, retry, prices, maxTokens, credential,
                    requestDefaults, exactInput);
        }
    }
}
