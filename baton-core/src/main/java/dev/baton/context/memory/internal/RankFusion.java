package dev.baton.context.memory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranking gives a document {@code 1 / (K + rank)} (rank from 1), the
 * sums decide. Scores of different rankers (BM25, cosine) are not comparable; ranks are, and the
 * constant keeps one ranker's first place from drowning the other's. Ties keep the first ranking's order.
 */
final class RankFusion {

    static final int K = 60;

    private RankFusion() {
    }

    static List<ChunkHit> fuse(List<List<ChunkHit>> rankings) {
        Map<Integer, ChunkHit> hits = new LinkedHashMap<>();
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (List<ChunkHit> ranking : rankings) {
            for (int r = 0; r < ranking.size(); r++) {
                ChunkHit h = ranking.get(r);
                hits.putIfAbsent(h.doc(), h);
                scores.merge(h.doc(), 1.0 / (K + r + 1), Double::sum);
            }
        }
        List<ChunkHit> out = new ArrayList<>();
        hits.forEach((doc, h) -> out.add(h.withScore(scores.get(doc))));
        out.sort(Comparator.comparingDouble(ChunkHit::score).reversed());
        return out;
    }
}
