package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetLimit;
import dev.baton.usage.BudgetOptions;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetScope;
import dev.baton.usage.internal.InMemoryBudgetStore;
import dev.baton.usage.RunBudgetScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.pipeline.CallMetadata;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.TokenEstimator;

/**
 * Near a budget's limit the exact OpenAI count admits a call the UTF-8 bound alone would refuse,
 * never one that does not fit, and the refused first try leaves nothing reserved.
 */
class ExactTokenBudgetTest {

    /** Input dominates: $10 per million input tokens, $1 per million output, at most 100 output tokens. */
    private static final Prices PRICES = Prices.of(10, 10, 1);
    private static final int MAX_TOKENS = 100;
    private static final ChatRequest ENGLISH = ChatRequest.of(OpenAiTokenCountsTest.ENGLISH);

    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeChatModel model;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    /** A one-profile pipeline of {@code model} at {@code baseUrl}, wired as ModelWiring does, under {@code limits}. */
    private Pipeline pipeline(String modelName, URI baseUrl, BudgetLimit... limits) {
        model = FakeChatModel.named("openai", modelName, 128_000, PRICES)
                .otherwise(r -> Step.reply("ok", Usage.of(40, 2)));
        PipelineProfile profile = PipelineProfile.builder("main", model).maxTokens(MAX_TOKENS)
                .exactInput(OpenAiTokenCounts.forDeployment("openai", baseUrl, modelName).orElse(null)).build();
        BudgetEnforcer budgets = new BudgetEnforcer(List.of(limits), new InMemoryBudgetStore(), Clock.systemUTC(),
                BudgetOptions.DEFAULT);
        Pipeline pipeline = Pipeline.builder().profile(profile).budgets(budgets).build();
        open.add(pipeline);
        return pipeline;
    }

    private static WorstCaseCost worstCase(TokenEstimator exact) {
        return WorstCaseCost.of(List.of(new WorstCaseCost.Candidate(PRICES, PipelineProfile.NO_DEFAULTS, MAX_TOKENS,
                0, exact)), TokenEstimator.UTF8_UPPER_BOUND);
    }

    private static final WorstCaseCost GPT_4O_MINI =
            worstCase(OpenAiTokenCounts.forDeployment("openai", null, "gpt-4o-mini").orElseThrow());

    /** A USD limit halfway between the exact and the UTF-8 worst case of {@code request}. */
    private static BudgetLimit between(BudgetScope scope, ChatRequest request) {
        long utf8 = GPT_4O_MINI.of(request).nanoUsd();
        long exact = GPT_4O_MINI.exactOf(request).nanoUsd();
        assertThat(exact * 2).as("the limit must separate the two bounds").isLessThan(utf8);
        return BudgetLimit.usd(scope, null, BudgetPeriod.TOTAL, BudgetAmount.toUsd((utf8 + exact) / 2).toPlainString());
    }

    private static BudgetLimit usd(BudgetScope scope, long nanoUsd) {
        return BudgetLimit.usd(scope, null, BudgetPeriod.TOTAL, BudgetAmount.toUsd(nanoUsd).toPlainString());
    }

    @Test
    void the_exact_bound_is_below_the_utf8_bound_and_the_cheap_bound_is_unchanged() {
        assertThat(GPT_4O_MINI.hasExact()).isTrue();
        assertThat(worstCase(null).hasExact()).isFalse();
        assertThat(GPT_4O_MINI.of(ENGLISH)).isEqualTo(worstCase(null).of(ENGLISH));
        assertThat(GPT_4O_MINI.exactOf(ENGLISH).tokens()).isLessThan(GPT_4O_MINI.of(ENGLISH).tokens());
        assertThat(worstCase(null).exactOf(ENGLISH)).isEqualTo(worstCase(null).of(ENGLISH));
    }

    @Test
    void openai_near_its_limit_admits_with_the_exact_count_a_call_the_utf8_bound_would_refuse() {
        Pipeline pipeline = pipeline("gpt-4o-mini", null, between(BudgetScope.PROFILE, ENGLISH));

        assertThat(pipeline.forProfile("main").chat(ENGLISH).text()).isEqualTo("ok");
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void a_call_that_fits_neither_bound_is_refused_and_runs_nothing() {
        ChatRequest large = ChatRequest.of(OpenAiTokenCountsTest.ENGLISH.repeat(8));
        BudgetLimit limit = between(BudgetScope.PROFILE, ENGLISH);
        assertThat(GPT_4O_MINI.exactOf(large).nanoUsd()).isGreaterThan(BudgetAmount.toNanos(limit.usd()));
        Pipeline pipeline = pipeline("gpt-4o-mini", null, limit);

        assertThatThrownBy(() -> pipeline.forProfile("main").chat(large))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED));
        assertThat(model.calls()).isZero();
        assertThat(pipeline.forProfile("main").chat(ENGLISH).text()).as("the refusal held nothing").isEqualTo("ok");
    }

    @Test
    void an_openai_compatible_server_with_its_own_base_url_keeps_the_utf8_bound() {
        Pipeline pipeline = pipeline("gpt-4o-mini", URI.create("https://api.groq.com/openai/v1"),
                between(BudgetScope.PROFILE, ENGLISH));

        assertThat(pipeline.profiles().get("main").exactInput()).isNull();
        assertThatThrownBy(() -> pipeline.forProfile("main").chat(ENGLISH))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED));
        assertThat(model.calls()).isZero();
    }

    @Test
    void the_refused_first_try_leaves_no_reservation_on_the_other_scopes_or_the_run() {
        // project and run fit one UTF-8 worst case plus a little: a UTF-8 reservation leaked by the
        // profile's refusal would refuse the next call even at its exact size
        long utf8 = GPT_4O_MINI.of(ENGLISH).nanoUsd();
        long exact = GPT_4O_MINI.exactOf(ENGLISH).nanoUsd();
        long roomy = utf8 + exact / 2;
        Pipeline pipeline = pipeline("gpt-4o-mini", null, usd(BudgetScope.PROJECT, roomy),
                between(BudgetScope.PROFILE, ENGLISH));
        RunBudgetScope run = pipeline.budgets().openRun("run-1", null, BudgetAmount.toUsd(roomy), null);
        open.add(run::close);
        ChatRequest inRun = ENGLISH.toBuilder().metadata(CallMetadata.RUN_ID, "run-1").build();

        for (int i = 0; i < 3; i++) assertThat(pipeline.forProfile("main").chat(inRun).text()).isEqualTo("ok");

        assertThat(model.calls()).isEqualTo(3);
        BigDecimal spent = pipeline.budgets().status().stream().filter(s -> s.limit().scope() == BudgetScope.PROJECT)
                .map(s -> s.spentUsd()).findFirst().orElseThrow();
        assertThat(spent).as("three calls of 40 input + 2 output tokens").isEqualByComparingTo(new BigDecimal("0.001206"));
    }

    @Test
    void a_tokens_per_minute_window_admits_with_the_exact_count_too() {
        long utf8Tokens = GPT_4O_MINI.of(ENGLISH).tokens();
        long exactTokens = GPT_4O_MINI.exactOf(ENGLISH).tokens();
        // a first call settles 42 tokens; the second fits the window only at its exact size
        int tpm = (int) (42 + (utf8Tokens + exactTokens) / 2);
        Pipeline pipeline = pipeline("gpt-4o-mini", null, BudgetLimit.rate(BudgetScope.PROFILE, null, null, tpm));

        pipeline.forProfile("main").chat(ChatRequest.of("hi"));
        assertThat(pipeline.forProfile("main").chat(ENGLISH).text()).isEqualTo("ok");

        Pipeline groq = pipeline("gpt-4o-mini", URI.create("https://api.groq.com/openai/v1"),
                BudgetLimit.rate(BudgetScope.PROFILE, null, null, tpm));
        groq.forProfile("main").chat(ChatRequest.of("hi"));
        assertThatThrownBy(() -> groq.forProfile("main").chat(ENGLISH))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
