package dev.baton.bench;

import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import java.util.ArrayList;
import java.util.List;

/** The ensembles the scale harness runs, built in code. */
final class ScaleEnsembles {

    static final String PROFILE = "reviewer";
    static final String REVIEWER_PREFIX = "reviewer-";
    static final String SYNTHESIZER = "synthesizer";
    static final String EDITOR = "editor";

    private ScaleEnsembles() {
    }

    /**
     * {@code reviewers} independent reviewers, a synthesizer depending on all of them and an
     * editor depending on the synthesizer (the deliverable): a critical path of three model calls.
     */
    static EnsembleSpec fanIn(int reviewers) {
        List<AgentSpec> agents = reviewers(reviewers);
        List<String> names = agents.stream().map(AgentSpec::name).toList();
        agents.add(AgentSpec.builder(SYNTHESIZER).index(reviewers).modelProfile(PROFILE)
                .systemPrompt("You merge the reviews into one list of findings.").dependsOn(names).build());
        agents.add(AgentSpec.builder(EDITOR).index(reviewers + 1).modelProfile(PROFILE)
                .systemPrompt("You edit the findings into a short report.").dependsOn(SYNTHESIZER).build());
        return EnsembleSpec.of("scale-fan-in", agents).withDeliverable(EDITOR);
    }

    /** {@code count} independent reviewers run one at a time ({@code max_concurrency: 1}). */
    static EnsembleSpec sequential(int count) {
        return EnsembleSpec.of("scale-sequential", reviewers(count)).withMaxConcurrency(1);
    }

    private static List<AgentSpec> reviewers(int count) {
        List<AgentSpec> agents = new ArrayList<>(count + 2);
        for (int i = 0; i < count; i++) {
            agents.add(AgentSpec.builder(String.format("%s%03d", REVIEWER_PREFIX, i)).index(i).modelProfile(PROFILE)
                    .systemPrompt("You review part " + i + " of the change for defects.").build());
        }
        return agents;
    }
}
