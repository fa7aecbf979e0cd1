package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.JobContext;
import dev.baton.tool.Tools;

import java.util.function.Supplier;

/** {@code documentation_changelog}: the recent commits touching documentation, with diffs from {@code git}, summarised. */
final class DocumentationChangelogTool extends InternalTool {

    DocumentationChangelogTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        super(tools, templates, settings);
    }

    @Override
    public String name() {
        return "documentation_changelog";
    }

    @Override
    public String description() {
        return "Summarises the recent commits that changed documentation (Markdown files and docs/), from git log with diffs.";
    }

    @Override
    String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit) {
        return new GitHistory(reader.context().sandbox(), reader.context().sandbox().callTimeLimit()).docCommits(limit);
    }
}
