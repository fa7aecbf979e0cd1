package dev.baton.pipeline.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.ModelType;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import dev.baton.pipeline.TokenEstimator;

/**
 * The exact input bound of a model served by OpenAI's own API: each message's text counted with
 * the model's tokenizer (jtokkit's o200k_base or cl100k_base), plus the template allowances of
 * {@link TokenEstimator#UTF8_UPPER_BOUND}, which exceed the 3–4 tokens per message OpenAI
 * documents; tool calls, tool definitions and the response schema keep their UTF-8 byte bound,
 * because OpenAI does not publish how it renders them. The result is never above the UTF-8 bound.
 * <p>
 * Only for OpenAI's own API ({@link #forDeployment}): an OpenAI-compatible server (Groq, vLLM,
 * OpenRouter, a proxy...) may run any model behind any name, and an Azure deployment is named by
 * its owner, so neither says which tokenizer runs; they keep the UTF-8 bound.
 * <p>
 * The tokenizer is loaded on the first count, once per process, never at start-up: counting costs
 * tens of microseconds per kilobyte, so the budget layer counts only when the cheap bound was refused.
 * Thread-safe.
 */
public final class OpenAiTokenCounts implements TokenEstimator {

    /** The host of OpenAI's own API. */
    public static final String OPENAI_HOST = "api.openai.com";

    /** Families on the o200k_base tokenizer, matched as a name, {@code name-...} or {@code name.…}. */
    private static final String[] O200K = {"gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"};
    /** Families on the cl100k_base tokenizer (checked after {@link #O200K}: {@code gpt-4o} is not {@code gpt-4}). */
    private static final String[] CL100K = {"gpt-4", "gpt-3.5-turbo", "gpt-35-turbo"};

    private final String model;
    private final String encodingName;
    /** Resolved on the first count; racing first counts resolve the same registry entry. */
    private volatile Encoding encoding;

    private OpenAiTokenCounts(String model, String encodingName) {
        this.model = model;
        this.encodingName = encodingName;
    }

    /**
     * The exact bound for {@code model} of a provider of adapter kind {@code kind} reached at
     * {@code baseUrl} ({@code null}: the adapter's default), when that is OpenAI's own API and the
     * model's tokenizer is known; empty otherwise. Decided from the names alone: no tokenizer is
     * loaded here.
     */
    public static Optional<OpenAiTokenCounts> forDeployment(String kind, URI baseUrl, String model) {
        if (!"openai".equals(kind) || model == null) return Optional.empty();
        if (baseUrl != null && !OPENAI_HOST.equalsIgnoreCase(baseUrl.getHost())) return Optional.empty();
        return Optional.ofNullable(encodingOf(model)).map(e -> new OpenAiTokenCounts(model, e));
    }

    /**
     * The tokenizer OpenAI uses for {@code model} ({@code o200k_base}, {@code cl100k_base}) or
     * {@code null} when the name is not a known family. A fine-tuned model ({@code ft:base:org::id})
     * uses its base model's.
     */
    static String encodingOf(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("ft:")) {
            int end = name.indexOf(':', 3);
            name = end < 0 ? name.substring(3) : name.substring(3, end);
        }
        if (matches(name, O200K)) return "o200k_base";
        if (matches(name, CL100K)) return "cl100k_base";
        return null;
    }

    private static boolean matches(String name, String[] families) {
        for (String f : families) {
            if (name.equals(f) || name.startsWith(f + "-") || name.startsWith(f + ".")) return true;
        }
        return false;
    }

    /** The tokenizer's name: {@code o200k_base} or {@code cl100k_base}. */
    public String encodingName() {
        return encodingName;
    }

    /** The exact token count of {@code text} as ordinary text (special-token markers count as text, as the API does). */
    public long count(String text) {
        if (text == null || text.isEmpty()) return 0;
        Encoding e = encoding;
        if (e == null) encoding = e = Tokenizers.of(model, encodingName);
        return e.countTokensOrdinary(text);
    }

    @Override
    public long estimateInputTokens(ChatRequest request) {
        long exact = InputTokenBound.of(request, m -> count(sentText(m)));
        // both are upper bounds, so the smaller one is too (a tool call's text has no template to hide in)
        return Math.min(exact, TokenEstimator.UTF8_UPPER_BOUND.estimateInputTokens(request));
    }

    /** The content OpenAI's adapter sends for {@code m} (an error tool result is prefixed, see OpenAiRequestEncoder). */
    private static String sentText(Message m) {
        return m.role() == Role.TOOL && m.isError() ? "ERROR: " + m.text() : m.text();
    }

    @Override
    public String toString() {
        return "OpenAiTokenCounts[" + model + ": " + encodingName + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenAiTokenCounts other && model.equals(other.model) && encodingName.equals(other.encodingName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, encodingName);
    }

    /**
     * jtokkit, touched only from here: this class is initialised on the first count, and each
     * encoding is loaded by the lazy registry on first use (class-holder idiom: once, thread-safe).
     */
    private static final class Tokenizers {
        private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

        /** jtokkit's own model table where it knows the model, else the family the name matched. */
        static Encoding of(String model, String encodingName) {
            EncodingType type = ModelType.fromName(model).map(ModelType::getEncodingType)
                    .orElseGet(() -> EncodingType.fromName(encodingName).orElseThrow());
            return REGISTRY.getEncoding(type);
        }
    }
}
