package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.CompletedChatStream;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;

import java.util.List;
import java.util.Objects;

/**
 * Checks structured output with the {@link JsonOutputValidator}: when a request asks for JSON (mode
 * or schema) and the model answers with text rather than tool calls, the text must be JSON (a
 * Markdown fence around it is accepted) and match the schema if there is one. A valid answer's
 * text is the JSON itself, fence removed. An invalid answer — not JSON, empty, or not matching —
 * is repaired once: the call is repeated with the invalid output and the errors fed back. If the
 * repaired answer is invalid too, the call fails with {@code VALIDATION} (reason
 * MALFORMED_RESPONSE, not retriable) naming the errors, so a fallback chain moves on to its next
 * profile. Streams of JSON requests are buffered, checked, then handed back whole.
 */
public final class ValidatedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final JsonOutputValidator validator;

    public ValidatedChatModel(ChatModel delegate, JsonOutputValidator validator) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (!checked(request)) return delegate.chat(request);
        String schema = schemaOf(request);
        compile(schema);
        ChatResponse first = delegate.chat(request);
        if (first.hasToolCalls()) return first;
        JsonOutputValidator.Verdict verdict = check(first, schema);
        if (verdict.valid()) return normalized(first);
        ChatRequest repair = request.toBuilder()
                .message(Message.assistant(first.text()))
                .user("Your answer was not valid" + (schema != null ? " against the required JSON schema" : " JSON")
                        + ":\n- " + String.join("\n- ", verdict.errors())
                        + "\nAnswer again with only the corrected JSON.")
                .build();
        ChatResponse answer = delegate.chat(repair);
        ChatResponse second = answer.withUsage(first.usage().plus(answer.usage()));
        JsonOutputValidator.Verdict again = check(second, schema);
        if (again.valid()) return normalized(second);
        throw BatonException.builder(ErrorCode.VALIDATION, "the model's output "
                        + (schema != null ? "does not match the required JSON schema" : "is not valid JSON")
                        + " after one repair attempt: " + String.join("; ", again.errors()))
                .reason(ErrorReason.MALFORMED_RESPONSE)
                .context(ErrorContext.ofModel(second.provider(), second.model()))
                .retriable(false)
                .suggestion("use a model with native structured output, or loosen the schema").build();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        if (!checked(request)) return delegate.stream(request);
        return new CompletedChatStream(chat(request));
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    /** Requests that offer tools may be answered with tool calls, which are not output to check. */
    private static boolean checked(ChatRequest request) {
        return request.responseFormat().kind() != ResponseFormat.Kind.TEXT && request.tools().isEmpty();
    }

    private static String schemaOf(ChatRequest request) {
        ResponseFormat f = request.responseFormat();
        return f.kind() == ResponseFormat.Kind.JSON_SCHEMA ? f.schemaJson() : null;
    }

    /** A schema that cannot be compiled is the caller's error, found before anything is spent. */
    private void compile(String schema) {
        if (schema == null) return;
        try {
            validator.compile(schema);
        } catch (IllegalArgumentException e) {
            throw BatonException.builder(ErrorCode.INVALID_REQUEST, "response format: " + e.getMessage())
                    .retriable(false).build();
        }
    }

    private JsonOutputValidator.Verdict check(ChatResponse response, String schema) {
        return validator.check(response.text(), schema);
    }

    private static ChatResponse normalized(ChatResponse response) {
        String body = JsonOutputValidator.stripFence(response.text());
        return body.equals(response.text()) ? response : response.withText(body);
    }
}
