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

    static List<Ranked> fuse(List<List<Ranked>> rankings) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (List<Ranked> ranking : rankings) {
            for (int r = 0; r < ranking.size(); r++) scores.merge(ranking.get(r).doc(), 1.0 / (K + r + 1), Double::sum);
        }
        List<Ranked> out = new ArrayList<>(scores.size());
        scores.forEach((doc, s) -> out.add(new Ranked(doc, s)));
        out.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return out;
    }
}
