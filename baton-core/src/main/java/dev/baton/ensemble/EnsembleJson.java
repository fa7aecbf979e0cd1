package dev.baton.ensemble;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON shape of one ensemble's definition ({@code baton ensembles show -o json}, the servers'
 * ensemble detail): its settings, agents with their dependencies, and the names of its tests.
 *
 * @param tier   {@code project} or {@code user}
 * @param budget the run budget, or null when the ensemble has none
 * @param tests  the names of the ensemble's test cases
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EnsembleJson(String name, String file, String tier, String description, String defaultTask,
                           Integer maxConcurrency, Budget budget, String deliverable, List<Agent> agents,
                           List<String> tests) {

    /** A run budget: USD and tokens, either null for no limit. */
    public record Budget(BigDecimal usd, Long tokens) {
    }

    /**
     * One agent: its kind ({@code llm}, {@code script}, {@code ensemble}, {@code loop}), what it
     * uses (profile, script, ensemble or loop body), and the optional flags, omitted when unset.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Agent(String name, String kind, String uses, List<String> dependsOn, Boolean fanOut, String when,
                        String fallbackModelProfile) {
    }
}
