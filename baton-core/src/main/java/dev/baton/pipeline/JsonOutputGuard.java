package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.Objects;

/**
 * Fails a blocking answer whose text is not JSON when the request asked for JSON output (mode or
 * schema) and the model answered with text rather than tool calls: {@code VALIDATION}, reason
 * MALFORMED_RESPONSE, so the fallback decorator tries the next profile. It checks syntax only;
 * schema validation belongs to the validation decorator. Streams pass unchecked: their chunks
 * reach the caller as they arrive, so no fallback would be possible anyway.
 */
public final class JsonOutputGuard implements ChatModel {

    private final ChatModel delegate;
    private final ObjectMapper mapper;

    public JsonOutputGuard(ChatModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response = delegate.chat(request);
        if (request.responseFormat().kind() == ResponseFormat.Kind.TEXT || response.hasToolCalls()) return response;
        if (response.text().isBlank()) throw malformed(response, "the answer is empty");
        try {
            mapper.readTree(response.text());
            return response;
        } catch (JacksonException e) {
            throw malformed(response, e.getOriginalMessage());
        }
    }

    private static BatonException malformed(ChatResponse response, String detail) {
        return BatonException.builder(ErrorCode.VALIDATION, "the model answered with malformed JSON: " + detail)
                .reason(ErrorReason.MALFORMED_RESPONSE)
                .context(ErrorContext.ofModel(response.provider(), response.model()))
                .build();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return delegate.stream(request);
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }
}
