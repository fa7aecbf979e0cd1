package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorContext;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.provider.SseReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;

/** Reading embedding answers: vectors out of JSON arrays, checked against the request. */
public final class EmbeddingJson {

    private EmbeddingJson() {
    }

    /** The body as a JSON object, or a {@code MALFORMED}-style failure naming the provider. */
    public static JsonNode parse(ObjectMapper json, byte[] body, ErrorContext ctx) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(ctx, "the embedding response", e);
        }
        if (root == null || !root.isObject()) throw SseReader.Streams.malformed(ctx, "the embedding response (not an object)", null);
        return root;
    }

    /** A JSON array of numbers as a vector. */
    public static float[] vector(JsonNode array, ErrorContext ctx, String where) {
        if (!array.isArray() || array.isEmpty()) {
            throw SseReader.Streams.malformed(ctx, where + " (no vector)", null);
        }
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = array.get(i);
            if (!n.isNumber()) throw SseReader.Streams.malformed(ctx, where + " (value " + i + " is not a number)", null);
            v[i] = n.floatValue();
        }
        return v;
    }

    /** Fails unless there is one vector per input, all of one dimension. */
    public static List<float[]> checked(List<float[]> vectors, EmbeddingRequest request, ErrorContext ctx) {
        if (vectors.size() != request.inputs().size()) {
            throw malformed(ctx, vectors.size() + " vectors for " + request.inputs().size() + " inputs");
        }
        for (float[] v : vectors) {
            if (v.length != vectors.getFirst().length) throw malformed(ctx, "vectors of different dimensions");
        }
        return vectors;
    }

    private static BatonException malformed(ErrorContext ctx, String what) {
        return SseReader.Streams.malformed(ctx, "the embedding response (" + what + ")", null);
    }

    /** Tokens estimated at four characters each, for providers that do not report usage. */
    public static long estimatedTokens(EmbeddingRequest request) {
        long chars = 0;
        for (String s : request.inputs()) chars += s.length();
        return Math.max(1, (chars + 3) / 4);
    }
}
