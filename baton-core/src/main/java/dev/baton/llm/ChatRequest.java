package dev.baton.llm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat call: the conversation, model parameters, tools, the output format and call
 * metadata. Null parameters mean "the profile's or provider's default". {@code model} overrides
 * the model a provider adapter was built for. {@code metadata} carries run, agent, session and
 * task-type labels for routing and the usage ledger; it is never sent to a provider.
 * {@code options} are provider-specific parameters passed through as they are.
 * {@code deadline} is the instant by which the whole call, retries included, must end.
 * {@code policy} holds per-call overrides of the pipeline's retries, fallbacks and timeout
 * ({@link CallPolicy#NONE}: none); like metadata it is never sent to a provider.
 */
public record ChatRequest(List<Message> messages, String model, Double temperature, Double topP,
                          Integer maxTokens, List<String> stop, Long seed, List<ToolSpec> tools,
                          String toolChoice, ResponseFormat responseFormat, Map<String, String> metadata,
                          Map<String, Object> options, Instant deadline, CallPolicy policy) {

    public ChatRequest {
        Objects.requireNonNull(messages, "messages");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        policy = policy == null ? CallPolicy.NONE : policy;
    }

    public static ChatRequest of(String userPrompt) {
        return builder().user(userPrompt).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.model = model;
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = stop;
        b.seed = seed;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.responseFormat = responseFormat;
        b.metadata.putAll(metadata);
        b.options.putAll(options);
        b.deadline = deadline;
        b.policy = policy;
        return b;
    }

    /** The text of the last user message, or an empty string. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) return messages.get(i).text();
        }
        return "";
    }

    public ChatRequest withDeadline(Instant newDeadline) {
        // straight through the constructor: a copy per call in the pipeline's deadline layer, and a
        // builder's lists and maps are copied twice on the way (toBuilder, then build)
        return new ChatRequest(messages, model, temperature, topP, maxTokens, stop, seed, tools, toolChoice,
                responseFormat, metadata, options, newDeadline, policy);
    }

    public ChatRequest withMessages(List<Message> newMessages) {
        return toBuilder().messages(newMessages).build();
    }

    /** Builder for {@link ChatRequest}. */
    public static final class Builder {
        private final List<Message> messages = new ArrayList<>();
        private String model;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private List<ToolSpec> tools = List.of();
        private String toolChoice;
        private ResponseFormat responseFormat = ResponseFormat.TEXT;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Instant deadline;
        private CallPolicy policy = CallPolicy.NONE;

        public Builder messages(List<Message> messages) { this.messages.clear(); this.messages.addAll(messages); return this; }
        public Builder message(Message message) { this.messages.add(message); return this; }
        public Builder system(String text) { return message(Message.system(text)); }
        public Builder user(String text) { return message(Message.user(text)); }
        public Builder model(String model) { this.model = model; return this; }
        public Builder temperature(Double temperature) { this.temperature = temperature; return this; }
        public Builder topP(Double topP) { this.topP = topP; return this; }
        public Builder maxTokens(Integer maxTokens) { this.maxTokens = maxTokens; return this; }
        public Builder stop(List<String> stop) { this.stop = stop; return this; }
        public Builder seed(Long seed) { this.seed = seed; return this; }
        public Builder tools(List<ToolSpec> tools) { this.tools = tools; return this; }
        public Builder toolChoice(String toolChoice) { this.toolChoice = toolChoice; return this; }
        public Builder responseFormat(ResponseFormat responseFormat) { this.responseFormat = responseFormat; return this; }
        public Builder metadata(String key, String value) { this.metadata.put(key, value); return this; }
        public Builder metadata(Map<String, String> metadata) { this.metadata.putAll(metadata); return this; }
        public Builder option(String key, Object value) { this.options.put(key, value); return this; }
        public Builder options(Map<String, Object> options) { this.options.putAll(options); return this; }
        public Builder deadline(Instant deadline) { this.deadline = deadline; return this; }
        public Builder policy(CallPolicy policy) { this.policy = policy; return this; }

        public ChatRequest build() {
            return new ChatRequest(messages, model, temperature, topP, maxTokens, stop, seed, tools,
                    toolChoice, responseFormat, metadata, options, deadline, policy);
        }
    }
}
