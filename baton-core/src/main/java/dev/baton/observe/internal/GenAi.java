package dev.baton.observe.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.pipeline.CallMetadata;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import tools.jackson.core.io.JsonStringEncoder;

import java.util.List;
import java.util.Locale;

/**
 * The OpenTelemetry GenAI semantic conventions' attributes Baton sets, and how a request, an
 * answer and a failure become them. Prompts and outputs only when asked ({@code capture_content}).
 */
final class GenAi {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    /** The older name of {@link #PROVIDER}, still read by many back ends. */
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> PROFILE = AttributeKey.stringKey("baton.profile");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("baton.run.id");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("baton.agent");
    static final AttributeKey<String> ENSEMBLE = AttributeKey.stringKey("baton.ensemble.name");
    static final AttributeKey<Long> FALLBACKS = AttributeKey.longKey("baton.fallbacks");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("baton.cost_usd");

    private GenAi() {
    }

    /** The request's parameters and labels; its messages only when {@code content}. */
    static void request(Span span, ChatRequest request, boolean content) {
        if (request.maxTokens() != null) span.setAttribute(REQUEST_MAX_TOKENS, (long) request.maxTokens());
        if (request.temperature() != null) span.setAttribute(REQUEST_TEMPERATURE, request.temperature());
        String run = request.metadata().get(CallMetadata.RUN_ID);
        if (run != null) span.setAttribute(RUN_ID, run);
        String agent = request.metadata().get(CallMetadata.AGENT);
        if (agent != null) span.setAttribute(AGENT, agent);
        if (content) span.setAttribute(INPUT_MESSAGES, messages(request.messages()));
    }

    /** What answered, the tokens and the finish reason; the output only when {@code content}. */
    static void response(Span span, ChatResponse r, boolean content) {
        if (r.model() != null) span.setAttribute(RESPONSE_MODEL, r.model());
        if (r.responseId() != null) span.setAttribute(RESPONSE_ID, r.responseId());
        span.setAttribute(FINISH_REASONS, List.of(r.finishReason().name().toLowerCase(Locale.ROOT)));
        span.setAttribute(INPUT_TOKENS, r.usage().inputTokens());
        span.setAttribute(OUTPUT_TOKENS, r.usage().outputTokens());
        if (r.usage().costUsd() != null) span.setAttribute(COST_USD, r.usage().costUsd().doubleValue());
        if (!r.fallbacks().isEmpty()) span.setAttribute(FALLBACKS, (long) r.fallbacks().size());
        if (r.profile() != null) span.setAttribute(PROFILE, r.profile());
        if (content) span.setAttribute(OUTPUT_MESSAGES, messages(List.of(Message.assistant(r.text(), r.toolCalls()))));
    }

    /**
     * The failure's error code as {@code error.type} and the span's status. The message is not
     * put on the span: a provider's error text may quote the prompt.
     */
    static void failure(Span span, RuntimeException e) {
        String type = e instanceof BatonException b ? b.code().name() : e.getClass().getName();
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, type);
    }

    /** Messages as the conventions' JSON: {@code [{"role":..,"parts":[{"type":"text","content":..}]}]}. */
    static String messages(List<Message> messages) {
        StringBuilder b = new StringBuilder(256).append('[');
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (i > 0) b.append(',');
            b.append("{\"role\":\"").append(m.role().name().toLowerCase(Locale.ROOT)).append("\",\"parts\":[");
            boolean first = true;
            if (!m.text().isEmpty()) {
                b.append("{\"type\":\"text\",\"content\":\"");
                JsonStringEncoder.getInstance().quoteAsString(m.text(), b);
                b.append("\"}");
                first = false;
            }
            for (ToolCall call : m.toolCalls()) {
                if (!first) b.append(',');
                first = false;
                b.append("{\"type\":\"tool_call\",\"name\":\"");
                JsonStringEncoder.getInstance().quoteAsString(call.name(), b);
                b.append("\"}");
            }
            b.append("]}");
        }
        return b.append(']').toString();
    }
}
