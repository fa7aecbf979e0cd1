package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.agent.AgentTools;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolLoop;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.agent.AgentContext;
import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.ModelChoice;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.OutputFormat;

import dev.baton.llm.CallPolicy;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ResponseFormat;
import dev.baton.pipeline.internal.JsonOutputValidator;
import dev.baton.pipeline.internal.ValidatedChatModel;
import java.time.Duration;
import java.util.List;

/**
 * Runs an LLM agent attempt: one {@link ChatRequest} built from the agent's
 * {@code system_prompt}, the composed prompt, {@code temperature}, {@code max_tokens},
 * {@code options}, the response format ({@code output_schema} as a JSON-schema format, else
 * {@code output_format: json} as JSON mode), the attempt deadline and the agent's retries,
 * fallback profile and timeout as the request's {@link CallPolicy} (the pipeline applies them;
 * the models must honour the request's deadline and policy), with metadata
 * {@code run_id}, {@code agent}, {@code ensemble} (plus {@code tools}, the agent's tool names
 * comma-separated, and {@code fan_out_index} when set). An agent with {@code tools:} runs a
 * {@link ToolLoop} over the same model instead of one call.
 */
public final class LlmAgentRunner implements AgentRunner {

    /** The tool calls' deadline when the agent has none (an LLM agent always has one in a run). */
    private static final Duration MAX_TOOL_WAIT = Duration.ofHours(1);

    private final AgentModels models;
    private final JsonOutputValidator validator;

    public LlmAgentRunner(AgentModels models, JsonOutputValidator validator) {
        this.models = models;
        this.validator = validator;
    }

    @Override
    public String kind() {
        return AgentKind.LLM;
    }

    @Override
    public AgentOutcome run(AgentContext ctx) {
        ModelChoice choice = ctx.model();
        ChatModel model = choice.profile() != null ? models.forProfile(choice.profile())
                : choice.model() == null && choice.taskType() != null ? models.forTask(choice.taskType())
                : models.forModel(choice.provider(), choice.model());
        if (!models.validatesOutput()) model = new ValidatedChatModel(model, validator);
        ChatResponse response;
        if (ctx.tools() == null) {
            response = model.chat(request(ctx));
            ctx.usage().record(label(response, choice), response.usage());
        } else {
            response = withTools(model, ctx);
        }
        String label = label(response, choice);
        String profile = response.profile() != null ? response.profile() : choice.profile();
        return new AgentOutcome(response.text(), null, label, profile, response.fallbacks());
    }

    /**
     * Runs the agent's tool loop over {@code model}: every round is one call of the agent's model
     * (so its pipeline's budgets, retries, fallback and ledger apply per round), and each round's
     * usage is reported as it happens, so a loop that fails still counts what it spent.
     */
    private static ChatResponse withTools(ChatModel model, AgentContext ctx) {
        AgentTools tools = ctx.tools();
        AtomicInteger round = new AtomicInteger();
        MeteredRounds metered = new MeteredRounds(model, round, r -> ctx.usage().record(label(r, ctx.model()), r.usage()));
        ToolLoop loop = new ToolLoop(metered, tools.invoker(round::get, metered::position), tools.tools(),
                tools.maxToolRounds());
        Instant deadline = ctx.deadline() != null ? ctx.deadline() : Instant.now().plus(MAX_TOOL_WAIT);
        return loop.run(request(ctx), new ToolContext(ctx.runId(), ctx.agent().name(), tools.sandbox(), deadline))
                .response();
    }

    private static String label(ChatResponse response, ModelChoice choice) {
        return response.provider() != null && response.model() != null
                ? response.provider() + "/" + response.model() : choice.label();
    }

    static ChatRequest request(AgentContext ctx) {
        AgentSpec a = ctx.agent();
        ChatRequest.Builder b = ChatRequest.builder();
        if (a.systemPrompt() != null && !a.systemPrompt().isBlank()) b.system(a.systemPrompt());
        b.user(ctx.prompt());
        if (ctx.model().model() != null) b.model(ctx.model().model());
        b.temperature(a.temperature()).maxTokens(a.maxTokens()).options(a.options()).deadline(ctx.deadline());
        b.policy(policy(a));
        if (a.outputSchema() != null) {
            b.responseFormat(ResponseFormat.jsonSchema(schemaName(a.name()), a.outputSchema().toString()));
        } else if (a.outputFormat() == OutputFormat.JSON) {
            b.responseFormat(ResponseFormat.JSON);
        }
        b.metadata("run_id", ctx.runId()).metadata("agent", a.name()).metadata("ensemble", ctx.ensemble());
        if (!a.tools().isEmpty()) b.metadata("tools", String.join(",", a.tools()));
        if (ctx.instance() != null) b.metadata("fan_out_index", Integer.toString(ctx.instance()));
        return b.build();
    }

    /**
     * The agent's retries, fallback profile and timeout as overrides of the pipeline's policies:
     * {@code retries: N} (N ≥ 1) makes each profile of the chain try N + 1 times (0 keeps the
     * profile's retry policy), {@code fallback_model_profile} extends the chain, and
     * {@code timeout_seconds} replaces the profile's timeout.
     */
    static CallPolicy policy(AgentSpec a) {
        Integer attempts = a.retries() > 0 ? a.retries() + 1 : null;
        List<String> fallbacks = a.fallbackModelProfile() == null ? List.of() : List.of(a.fallbackModelProfile());
        Duration timeout = a.timeoutSeconds() == null ? null : Duration.ofMillis(Math.max(1, Math.round(a.timeoutSeconds() * 1000)));
        return attempts == null && fallbacks.isEmpty() && timeout == null ? CallPolicy.NONE
                : new CallPolicy(attempts, fallbacks, timeout);
    }

    /** Providers accept only {@code [A-Za-z0-9_-]} in schema names. */
    private static String schemaName(String agent) {
        String s = agent.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "response" : s;
    }
}
