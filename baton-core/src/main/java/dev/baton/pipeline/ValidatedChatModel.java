package dev.baton.pipeline;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.CompletedChatStream;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks structured output: when a request asks for JSON (or JSON matching a schema), the final
 * text must parse and validate. On failure the call is repeated once with the invalid output and
 * the validation errors fed back to the model; if that answer is invalid too, the call fails with
 * {@code VALIDATION} carrying the errors (so a fallback chain moves on). Streams with a schema
 * are buffered, validated, then handed back whole.
 */
public final class ValidatedChatModel implements ChatModel {

    private static final int MAX_ERRORS = 10;
    private final ChatModel delegate;
    private final ObjectMapper json;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas;

    public ValidatedChatModel(ChatModel delegate, ObjectMapper json) {
        this(delegate, json, new ConcurrentHashMap<>());
    }

    private ValidatedChatModel(ChatModel delegate, ObjectMapper json, Map<String, Schema> schemas) {
        this.delegate = delegate;
        this.json = json;
        this.schemas = schemas;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (request.responseFormat().kind() == ResponseFormat.Kind.TEXT || !request.tools().isEmpty()) {
            return delegate.chat(request);
        }
        ChatResponse first = delegate.chat(request);
        List<String> errors = violations(request.responseFormat(), first);
        if (errors.isEmpty()) return first;
        ChatRequest repair = request.toBuilder()
                .message(Message.assistant(first.text()))
                .user("Your answer was not valid against the required JSON schema:\n- " + String.join("\n- ", errors)
                        + "\nAnswer again with only the corrected JSON.")
                .build();
        ChatResponse second = delegate.chat(repair);
        List<String> again = violations(request.responseFormat(), second);
        if (again.isEmpty()) return second.withUsage(first.usage().plus(second.usage()));
        throw BatonException.builder(ErrorCode.VALIDATION, "the model's output does not match the required "
                        + "JSON schema after one repair attempt: " + String.join("; ", again))
                .context(dev.baton.error.ErrorContext.ofModel(second.provider(), second.model()))
                .retriable(false)
                .suggestion("use a model with native structured output, or loosen the schema").build();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        if (request.responseFormat().kind() == ResponseFormat.Kind.TEXT || !request.tools().isEmpty()) {
            return delegate.stream(request);
        }
        return new CompletedChatStream(chat(request));
    }

    /** Why the response is not acceptable JSON for the format; empty when it is. */
    List<String> violations(ResponseFormat format, ChatResponse response) {
        JsonNode value;
        try {
            value = json.readTree(stripFences(response.text()));
        } catch (RuntimeException e) {
            return List.of("the output is not JSON: " + firstLine(e.getMessage()));
        }
        if (value == null || value.isMissingNode()) return List.of("the output is empty");
        if (format.kind() == ResponseFormat.Kind.JSON) return List.of();
        Schema schema = schemas.computeIfAbsent(format.schemaJson(), s -> registry.getSchema(json.readTree(s)));
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(value)) {
            if (out.size() == MAX_ERRORS) break;
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** Models without a native JSON mode often wrap JSON in a Markdown fence. */
    static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) return t.substring(nl + 1, end).strip();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }
}
