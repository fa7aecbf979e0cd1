package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.JobContext;
import dev.baton.tool.Tools;

import java.util.function.Supplier;

/** {@code codebase_changelog}: the recent commits touching code, with stats and diffs from {@code git}, summarised. */
final class CodebaseChangelogTool extends InternalTool {

    CodebaseChangelogTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        super(tools, templates, settings);
    }

    @Override
    public String name() {
        return "codebase_changelog";
    }

    @Override
    public String description() {
        return "Summarises the recent commits that changed code (not documentation), from git log with diffs.";
    }

    @Override
    String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit) {
        return new GitHistory(reader.context().sandbox(), reader.context().sandbox().callTimeLimit()).codeCommits(limit);
    }
}
