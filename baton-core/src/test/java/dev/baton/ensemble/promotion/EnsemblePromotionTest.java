package dev.baton.ensemble.promotion;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Promoting a project ensemble to the user tier with its profiles, and demoting it again. */
class EnsemblePromotionTest {

    @TempDir
    Path dir;

    private Path project;
    private Path user;
    private Baton baton;
    private EnsemblePromotion promotion;

    @BeforeEach
    void setUp() throws Exception {
        project = dir.resolve("project/.baton");
        user = dir.resolve("home/.config/baton");
        Files.createDirectories(project.resolve("ensembles"));
        Files.createDirectories(user);
        Files.writeString(project.resolve("config.yaml"), """
                providers:
                  fake: {kind: scripted}
                  local: {kind: scripted}
                profiles:
                  writer: {provider: fake, model: m1}
                  reviewer: {provider: fake, model: m2}
                  stranger: {provider: local, model: m3}
                """);
        Files.writeString(user.resolve("config.yaml"), """
                # my settings
                providers:
                  fake: {kind: scripted}
                profiles:
                  # kept as written
                  reviewer: {provider: fake, model: m2}
                default_profile: reviewer
                """);
        Files.writeString(project.resolve("ensembles/duo.yaml"), """
                name: duo
                agents:
                  - {name: a, model_profile: writer}
                  - {name: b, model_profile: reviewer, depends_on: [a]}
                """);
        Files.writeString(project.resolve("ensembles/odd.yaml"), "name: odd\nagents:\n  - {name: a, model_profile: stranger}\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        BatonPaths paths = BatonPaths.discover(dir.resolve("project"), env);
        baton = Baton.builder(paths, env).build();
        promotion = new EnsemblePromotion(baton.ensembles(), paths);
    }

    @AfterEach
    void tearDown() {
        baton.close();
    }

    @Test
    void given_a_project_ensemble_when_checked_then_the_profiles_the_user_tier_lacks_are_listed() {
        EnsemblePromotion.Readiness r = promotion.check("duo");

        assertThat(r.ready()).as("%s", r.problems()).isTrue();
        assertThat(r.profiles()).containsExactly("writer", "reviewer");
        assertThat(r.profilesToCopy()).containsExactly("writer");
        assertThat(r.targetExists()).isFalse();
    }

    @Test
    void given_a_profile_on_a_project_only_provider_then_it_is_not_ready_and_promote_refuses() {
        EnsemblePromotion.Readiness r = promotion.check("odd");

        assertThat(r.ready()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("provider local");
        assertThatThrownBy(() -> promotion.promote("odd", false, false)).hasMessageContaining("not ready");
        assertThat(user.resolve("ensembles/odd.yaml")).doesNotExist();
    }

    @Test
    void promote_copies_the_file_and_adds_missing_profiles_keeping_the_user_config_as_written() throws Exception {
        promotion.promote("duo", false, true);
        assertThat(user.resolve("ensembles/duo.yaml")).doesNotExist();

        promotion.promote("duo", false, false);

        assertThat(user.resolve("ensembles/duo.yaml")).hasSameTextualContentAs(project.resolve("ensembles/duo.yaml"));
        String config = Files.readString(user.resolve("config.yaml"));
        assertThat(config).contains("# my settings", "# kept as written", "default_profile: reviewer")
                .contains("  writer: {\"provider\":\"fake\",\"model\":\"m1\"}");
        assertThat(promotion.check("duo").profilesToCopy()).isEmpty();

        Files.writeString(user.resolve("ensembles/duo.yaml"), "name: duo\nagents:\n  - {name: a, model_profile: writer}\n");
        assertThatThrownBy(() -> promotion.promote("duo", false, false)).hasMessageContaining("overwrite");
    }

    @Test
    void demote_removes_the_user_copy_keeps_the_project_one_and_optionally_the_orphaned_profiles() throws Exception {
        promotion.promote("duo", false, false);

        EnsemblePromotion.Demotion d = promotion.demote("duo", true);

        assertThat(user.resolve("ensembles/duo.yaml")).doesNotExist();
        assertThat(project.resolve("ensembles/duo.yaml")).exists();
        assertThat(d.remainingCopy()).isNotNull();
        assertThat(d.removedProfiles()).containsExactly("writer", "reviewer");
        String config = Files.readString(user.resolve("config.yaml"));
        assertThat(config).doesNotContain("writer:").doesNotContain("reviewer: {").contains("# my settings", "default_profile: reviewer");
        assertThatThrownBy(() -> promotion.demote("duo", false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duo");
    }
}
