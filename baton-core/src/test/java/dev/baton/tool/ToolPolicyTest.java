package dev.baton.tool;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.tool.ToolPolicy.Permission.ASK;
import static dev.baton.tool.ToolPolicy.Permission.DENY;
import static dev.baton.tool.ToolPolicy.Permission.RUN;
import static org.assertj.core.api.Assertions.assertThat;

/** Permission layers: modes, allow and deny lists, and narrowing that never widens. */
class ToolPolicyTest {

    @Test
    void manual_mode_runs_read_tools_and_asks_for_every_other_category() {
        ToolPermissions p = ToolPermissions.of(ToolPolicy.DEFAULT);

        assertThat(p.permission("read_file", ToolCategory.READ)).isEqualTo(RUN);
        assertThat(p.permission("write_file", ToolCategory.WRITE)).isEqualTo(ASK);
        assertThat(p.permission("run_command", ToolCategory.EXEC)).isEqualTo(ASK);
        assertThat(p.permission("http_get", ToolCategory.NETWORK)).isEqualTo(ASK);
    }

    @Test
    void trust_mode_runs_only_allowlisted_tools_and_asks_for_the_rest() {
        ToolPermissions p = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("write_file", "fs.*"), List.of()));

        assertThat(p.permission("write_file", ToolCategory.WRITE)).isEqualTo(RUN);
        assertThat(p.permission("fs.read_text_file", ToolCategory.EXEC)).isEqualTo(RUN);
        assertThat(p.permission("run_command", ToolCategory.EXEC)).isEqualTo(ASK);
        assertThat(p.permission("read_file", ToolCategory.READ)).isEqualTo(ASK);
    }

    @Test
    void why_a_call_needs_approval_names_the_layer_and_the_mode_that_asks() {
        ToolPermissions manual = ToolPermissions.of(ToolPolicy.DEFAULT);
        ToolPermissions agentTrust = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of()))
                .narrowedBy(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("read_file"), List.of()));

        assertThat(manual.whyAsk("write_file", ToolCategory.WRITE))
                .contains("mode manual", "configuration's `tools:`", "'write_file' is a write tool");
        assertThat(agentTrust.whyAsk("write_file", ToolCategory.WRITE))
                .contains("mode trust", "`tool_permissions`", "'write_file' is not among them");
        assertThat(manual.whyAsk("read_file", ToolCategory.READ)).as("runs without asking").isEmpty();
    }

    @Test
    void deny_wins_in_either_mode() {
        ToolPermissions trust = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of("run_*")));
        ToolPermissions manual = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.MANUAL, List.of(), List.of("read_file")));

        assertThat(trust.permission("run_command", ToolCategory.EXEC)).isEqualTo(DENY);
        assertThat(trust.permission("write_file", ToolCategory.WRITE)).isEqualTo(RUN);
        assertThat(manual.permission("read_file", ToolCategory.READ)).isEqualTo(DENY);
    }

    @Test
    void an_agent_layer_cannot_widen_what_configuration_allows() {
        ToolPermissions config = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("read_file"), List.of("http_get")));

        ToolPermissions agent = config.narrowedBy(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of()));

        assertThat(agent.permission("write_file", ToolCategory.WRITE)).isEqualTo(ASK);
        assertThat(agent.permission("http_get", ToolCategory.NETWORK)).isEqualTo(DENY);
        assertThat(agent.permission("read_file", ToolCategory.READ)).isEqualTo(RUN);
    }

    @Test
    void an_agent_layer_in_trust_mode_does_not_lift_manual_configuration() {
        ToolPermissions config = ToolPermissions.of(ToolPolicy.DEFAULT);

        ToolPermissions agent = config.narrowedBy(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("write_file"), List.of()));

        assertThat(agent.permission("write_file", ToolCategory.WRITE)).isEqualTo(ASK);
    }

    @Test
    void an_agent_layer_can_narrow_by_deny_and_by_a_smaller_allowlist() {
        ToolPermissions config = ToolPermissions.of(new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of()));

        ToolPermissions agent = config.narrowedBy(new ToolPolicy(null, List.of("read_file"), List.of("write_file")));

        assertThat(agent.permission("read_file", ToolCategory.READ)).isEqualTo(RUN);
        assertThat(agent.permission("search_text", ToolCategory.READ)).isEqualTo(ASK);
        assertThat(agent.permission("write_file", ToolCategory.WRITE)).isEqualTo(DENY);
        assertThat(config.narrowedBy(ToolPolicy.INHERIT).permission("search_text", ToolCategory.READ)).isEqualTo(RUN);
    }
}
