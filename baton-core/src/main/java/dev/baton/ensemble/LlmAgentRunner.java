package dev.baton.ensemble;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ResponseFormat;

/**
 * Runs an LLM agent attempt: one {@link ChatRequest} built from the agent's
 * {@code system_prompt}, the composed prompt, {@code temperature}, {@code max_tokens},
 * {@code options}, the response format ({@code output_schema} as a JSON-schema format, else
 * {@code output_format: json} as JSON mode) and the attempt deadline, with metadata
 * {@code run_id}, {@code agent}, {@code ensemble} (plus {@code tools}, the agent's tool names
 * comma-separated, and {@code fan_out_index} when set).
 */
final class LlmAgentRunner implements AgentRunner {

    private final AgentModels models;

    LlmAgentRunner(AgentModels models) {
        this.models = models;
    }

    @Override
    public AgentOutcome run(AgentCall call) {
        ModelChoice choice = call.model();
        ChatModel model = choice.profile() != null
                ? models.forProfile(choice.profile())
                : models.forModel(choice.provider(), choice.model());
        ChatResponse response = model.chat(request(call));
        String label = response.provider() != null && response.model() != null
                ? response.provider() + "/" + response.model() : choice.label();
        call.usage().record(label, response.usage());
        String profile = response.profile() != null ? response.profile() : choice.profile();
        return new AgentOutcome(response.text(), null, label, profile, response.fallbacks());
    }

    static ChatRequest request(AgentCall call) {
        AgentSpec a = call.agent();
        ChatRequest.Builder b = ChatRequest.builder();
        if (a.systemPrompt() != null && !a.systemPrompt().isBlank()) b.system(a.systemPrompt());
        b.user(call.prompt());
        if (call.model().model() != null) b.model(call.model().model());
        b.temperature(a.temperature()).maxTokens(a.maxTokens()).options(a.options()).deadline(call.deadline());
        if (a.outputSchema() != null) {
            b.responseFormat(ResponseFormat.jsonSchema(schemaName(a.name()), a.outputSchema().toString()));
        } else if (a.outputFormat() == OutputFormat.JSON) {
            b.responseFormat(ResponseFormat.JSON);
        }
        b.metadata("run_id", call.run().runId()).metadata("agent", a.name()).metadata("ensemble", call.run().spec().name());
        if (!a.tools().isEmpty()) b.metadata("tools", String.join(",", a.tools()));
        if (call.instance() != null) b.metadata("fan_out_index", Integer.toString(call.instance()));
        return b.build();
    }

    /** Providers accept only {@code [A-Za-z0-9_-]} in schema names. */
    private static String schemaName(String agent) {
        String s = agent.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "response" : s;
    }
}
