package dev.baton.provider.scripted.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ResponseFormat;
import dev.baton.provider.scripted.SchemaInstanceGenerator;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The answer to a prompt no script covers. For text it is a clearly labelled line derived only
 * from the prompt (the last user message, or the whole conversation when there is none):
 * {@code [offline scripted reply · model m] 42 words, sha256 1a2b3c4d: "first twelve words …"}.
 * When the request asks for JSON it is {@code {}}, and when it carries a JSON Schema it is a
 * deterministic instance of that schema.
 */
public final class OfflineReply {

    /** What every offline text reply starts with, so that it is never mistaken for a model's answer. */
    public static final String LABEL = "[offline scripted reply · model ";
    private static final int EXCERPT_WORDS = 12;
    private static final int EXCERPT_CHARS = 120;

    private final SchemaInstanceGenerator generator = new SchemaInstanceGenerator();

    public String answer(ChatRequest request, String model) {
        ResponseFormat format = request.responseFormat();
        return switch (format.kind()) {
            case TEXT -> text(request, model);
            case JSON -> "{}";
            case JSON_SCHEMA -> generator.generate(format.schemaJson()).toString();
        };
    }

    private static String text(ChatRequest request, String model) {
        String prompt = request.lastUserText();
        if (prompt.isBlank()) prompt = Transcript.conversation(request);
        String trimmed = prompt.strip();
        String[] words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        String excerpt = Arrays.stream(words).limit(EXCERPT_WORDS).collect(Collectors.joining(" "));
        boolean cut = words.length > EXCERPT_WORDS;
        if (excerpt.codePointCount(0, excerpt.length()) > EXCERPT_CHARS) {
            excerpt = excerpt.substring(0, excerpt.offsetByCodePoints(0, EXCERPT_CHARS));
            cut = true;
        }
        return LABEL + model + "] " + words.length + (words.length == 1 ? " word" : " words")
                + ", sha256 " + Transcript.shortHash(prompt) + ": \"" + excerpt + (cut ? " …" : "") + "\"";
    }
}
