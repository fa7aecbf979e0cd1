package dev.baton.context.memory.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankFusionTest {

    private static Ranked hit(int doc, double score) {
        return new Ranked(doc, score);
    }

    @Test
    void a_document_ranked_well_by_both_rankers_beats_one_ranked_first_by_only_one() {
        List<Ranked> bm25 = List.of(hit(1, 9.0), hit(2, 5.0), hit(3, 1.0));
        List<Ranked> vectors = List.of(hit(4, 0.9), hit(2, 0.8), hit(5, 0.5), hit(6, 0.4), hit(1, 0.1));

        List<Ranked> fused = RankFusion.fuse(List.of(bm25, vectors));

        assertThat(fused).extracting(Ranked::doc).containsExactly(2, 1, 4, 3, 5, 6);
        assertThat(fused.getFirst().score()).isEqualTo(2.0 / (RankFusion.K + 2));
    }
}
