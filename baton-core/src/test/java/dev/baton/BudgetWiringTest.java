package dev.baton;

import dev.baton.config.BatonPaths;
import dev.baton.config.ConfigException;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.BudgetStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code budgets:} in the configuration as the enforcer applies them. */
class BudgetWiringTest {

    @TempDir
    Path dir;

    private BatonPaths project(String configYaml) throws IOException {
        Path project = dir.resolve(".baton");
        Files.createDirectories(project);
        Files.writeString(project.resolve("config.yaml"), configYaml);
        return new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
    }

    @Test
    void a_weekly_budget_counts_per_iso_week() throws Exception {
        BatonPaths paths = project("budgets:\n  - {scope: project, period: week, usd: 3}\n");
        try (Baton baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).build()) {
            List<BudgetStatus> status = baton.pipeline().budgets().status();

            assertThat(status).singleElement().satisfies(s -> {
                assertThat(s.limit().period()).isEqualTo(BudgetPeriod.WEEK);
                assertThat(s.bucket()).matches("week:\\d{4}-W\\d{2}");
            });
        }
    }

    @Test
    void an_unknown_period_is_a_configuration_error_listing_week() throws Exception {
        BatonPaths paths = project("budgets:\n  - {scope: project, period: fortnight, usd: 3}\n");

        assertThatThrownBy(() -> Baton.builder(paths, Map.of()).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budgets[0].period").hasMessageContaining("fortnight").hasMessageContaining("week");
    }
}
