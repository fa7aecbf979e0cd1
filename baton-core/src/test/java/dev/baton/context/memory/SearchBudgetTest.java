package dev.baton.context.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchBudgetTest {

    @Test
    void excerpts_are_cut_to_the_token_budget_and_the_result_says_so(@TempDir Path project, @TempDir Path data) {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            SearchResult wide = memory.search("valve relay zone", 20_000);
            SearchResult narrow = memory.search("valve relay zone", 120);

            assertThat(wide.excerpts().size()).isGreaterThan(narrow.excerpts().size());
            assertThat(narrow.tokens()).isLessThanOrEqualTo(120).isPositive();
            assertThat(narrow.truncated()).isTrue();
            Excerpt first = narrow.excerpts().getFirst();
            assertThat(first.startLine()).isLessThanOrEqualTo(first.endLine());
            assertThat(first.text().lines().count()).isEqualTo(first.endLine() - first.startLine() + 1L);
        }
    }

    @Test
    void excerpt_line_ranges_point_at_the_lines_they_show(@TempDir Path project, @TempDir Path data) throws Exception {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            Excerpt e = memory.search("emergency shutoff", 2000).excerpts().getFirst();
            var lines = java.nio.file.Files.readAllLines(project.resolve(e.path()));
            String shown = String.join("\n", lines.subList(e.startLine() - 1, e.endLine())) + "\n";
            assertThat(e.text()).isEqualTo(shown);
            assertThat(e.text()).contains("emergencyShutoff").doesNotContain("detectLeak");
        }
    }

    @Test
    void a_blank_query_is_refused(@TempDir Path project, @TempDir Path data) {
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            assertThatThrownBy(() -> memory.search("  ", 100)).hasMessageContaining("query");
        }
    }
}
