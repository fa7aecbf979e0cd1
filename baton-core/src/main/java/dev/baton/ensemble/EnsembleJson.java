package dev.baton.ensemble;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import dev.baton.ensemble.spec.OrcSettings;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shape of one ensemble's definition ({@code baton ensembles show -o json}, the servers'
 * ensemble detail): its settings, agents with their dependencies, and the names of its tests.
 *
 * @param tier   {@code project} or {@code user}
 * @param budget the run budget, or null when the ensemble has none
 * @param tests  the names of the ensemble's test cases
 * @param llmOrc llm-orc 0.19's ensemble-level keys as read (snake_case, unset ones left out), or
 *               null (and left out) when the ensemble sets none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EnsembleJson(String name, String file, String tier, String description, String defaultTask,
                           Integer maxConcurrency, Budget budget, String deliverable, List<Agent> agents,
                           List<String> tests, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode llmOrc) {

    private static final JsonMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                    JsonInclude.Include.NON_EMPTY))
            .build();

    /** A definition without llm-orc keys. */
    public EnsembleJson(String name, String file, String tier, String description, String defaultTask,
                        Integer maxConcurrency, Budget budget, String deliverable, List<Agent> agents, List<String> tests) {
        this(name, file, tier, description, defaultTask, maxConcurrency, budget, deliverable, agents, tests, null);
    }

    /** The {@code llm_orc} part for {@code orc}: null when no llm-orc key is set. */
    public static JsonNode llmOrc(OrcSettings orc) {
        if (!orc.declared()) return null;
        ObjectNode node = SNAKE.valueToTree(orc);
        if (!orc.rawOutput()) node.remove("raw_output");
        return node;
    }

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
