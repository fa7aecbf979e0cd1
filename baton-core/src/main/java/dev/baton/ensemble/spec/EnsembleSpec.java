package dev.baton.ensemble.spec;

import dev.baton.tool.ToolPolicy;


import dev.baton.ensemble.testing.EnsembleTestRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An ensemble as loaded from YAML: its agents in declaration order plus ensemble-level
 * settings. {@code maxConcurrency}, {@code budget}, {@code deliverable}, {@code promptTemplate}
 * and {@code source} may be null. {@code tests} are the ensemble's own test cases, run by
 * {@link EnsembleTestRunner}. {@code lines} maps YAML locations for error messages.
 * {@code toolPermissions} ({@code tool_permissions:}, may be null) narrows configuration's tool
 * permissions for every agent of the ensemble. {@code orc} holds llm-orc 0.19's ensemble-level keys
 * ({@link OrcSettings#NONE} when none is set).
 */
public record EnsembleSpec(String name, String description, String defaultTask, List<AgentSpec> agents,
                           Integer maxConcurrency, BudgetSpec budget, String deliverable, String promptTemplate,
                           List<EnsembleTestCase> tests, Path source, SourceLines lines,
                           ToolPolicy toolPermissions, OrcSettings orc) {

    public EnsembleSpec {
        orc = orc == null ? OrcSettings.NONE : orc;
        agents = agents == null ? List.of() : List.copyOf(agents);
        tests = tests == null ? List.of() : List.copyOf(tests);
        lines = lines == null ? SourceLines.NONE : lines;
        description = description == null ? "" : description;
    }

    /** An ensemble without llm-orc keys. */
    public EnsembleSpec(String name, String description, String defaultTask, List<AgentSpec> agents,
                        Integer maxConcurrency, BudgetSpec budget, String deliverable, String promptTemplate,
                        List<EnsembleTestCase> tests, Path source, SourceLines lines, ToolPolicy toolPermissions) {
        this(name, description, defaultTask, agents, maxConcurrency, budget, deliverable, promptTemplate, tests, source,
                lines, toolPermissions, OrcSettings.NONE);
    }

    /** A minimal ensemble of the given agents (handy in code and tests). */
    public static EnsembleSpec of(String name, List<AgentSpec> agents) {
        return new EnsembleSpec(name, "", null, agents, null, null, null, null, List.of(), null, SourceLines.NONE, null);
    }

    public Optional<AgentSpec> agent(String agentName) {
        return agents.stream().filter(a -> a.name().equals(agentName)).findFirst();
    }

    /** Where this ensemble came from, for messages: the file path or {@code <name>}. */
    public String origin() {
        return source != null ? source.toString() : "<" + name + ">";
    }

    public EnsembleSpec withMaxConcurrency(Integer value) {
        return new EnsembleSpec(name, description, defaultTask, agents, value, budget, deliverable, promptTemplate,
                tests, source, lines, toolPermissions, orc);
    }

    public EnsembleSpec withBudget(BudgetSpec value) {
        return new EnsembleSpec(name, description, defaultTask, agents, maxConcurrency, value, deliverable,
                promptTemplate, tests, source, lines, toolPermissions, orc);
    }

    public EnsembleSpec withDeliverable(String value) {
        return new EnsembleSpec(name, description, defaultTask, agents, maxConcurrency, budget, value,
                promptTemplate, tests, source, lines, toolPermissions, orc);
    }

    public EnsembleSpec withPromptTemplate(String value) {
        return new EnsembleSpec(name, description, defaultTask, agents, maxConcurrency, budget, deliverable, value,
                tests, source, lines, toolPermissions, orc);
    }

    public EnsembleSpec withToolPermissions(ToolPolicy value) {
        return new EnsembleSpec(name, description, defaultTask, agents, maxConcurrency, budget, deliverable,
                promptTemplate, tests, source, lines, value, orc);
    }

    public EnsembleSpec withOrc(OrcSettings value) {
        return new EnsembleSpec(name, description, defaultTask, agents, maxConcurrency, budget, deliverable,
                promptTemplate, tests, source, lines, toolPermissions, value);
    }
}
