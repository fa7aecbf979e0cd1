package dev.baton.context.memory;

import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic embedding model for tests: each word (split at non-letters and case changes,
 * lower-cased, with a crude suffix strip) and each of its character trigrams is hashed into one of
 * {@link #DIMENSION} buckets. Texts sharing words or word pieces get close vectors; no network, no
 * weights. Counts the texts it embedded so tests can see what an update re-embedded.
 */
final class HashedWordsEmbeddingModel implements EmbeddingModel {

    static final int DIMENSION = 384;
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "to", "in", "is", "and", "or", "for", "on",
            "with", "how", "what", "when", "which", "does", "do", "it", "by", "from", "be", "are", "this", "that");

    final AtomicInteger texts = new AtomicInteger();

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        List<float[]> out = new ArrayList<>();
        for (String t : request.inputs()) out.add(vector(t));
        texts.addAndGet(request.inputs().size());
        return new EmbeddingResponse(out, Usage.of(request.inputs().size(), 0), "test", "hashed-words", Duration.ZERO);
    }

    static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        String spaced = text.replaceAll("([a-z])([A-Z])", "$1 $2");
        for (String raw : spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (raw.length() < 2 || STOP.contains(raw)) continue;
            String w = stem(raw);
            v[Math.floorMod(w.hashCode(), DIMENSION)] += 2f;
            String padded = "^" + w + "$";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                v[Math.floorMod(padded.substring(i, i + 3).hashCode() * 31 + 7, DIMENSION)] += 0.5f;
            }
        }
        return v;
    }

    private static String stem(String w) {
        for (String suffix : new String[]{"ing", "ed", "es", "s"}) {
            if (w.length() > suffix.length() + 3 && w.endsWith(suffix)) return w.substring(0, w.length() - suffix.length());
        }
        return w;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("test", "hashed-words", 8192, 0, Set.of(), Prices.FREE);
    }
}
