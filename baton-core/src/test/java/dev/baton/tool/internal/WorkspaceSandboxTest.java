package dev.baton.tool.internal;

import dev.baton.tool.Sandbox;
import dev.baton.tool.Sandbox.CommandResult;
import dev.baton.tool.SandboxContractTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WorkspaceSandbox} against the sandbox contract, plus what is its own. */
class WorkspaceSandboxTest extends SandboxContractTest {

    @Override
    protected Sandbox sandbox(Path root, Duration limit, int cap, Map<String, String> env) {
        return new WorkspaceSandbox(root, limit, cap, env);
    }

    @Test
    void given_a_missing_program_when_run_then_the_failure_names_it() {
        // started through setsid(1), which reports the missing program and exits 127
        CommandResult result = sandbox(root).run(List.of("no-such-program-xyz"), false, root, Duration.ofSeconds(60));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("no-such-program-xyz");
    }

    @Test
    void given_provider_key_variables_when_scrubbed_then_they_go_even_without_a_secret_suffix() {
        ScrubbedEnvironment scrubber = new ScrubbedEnvironment(List.of("MY_PROVIDER_KEY"));

        assertThat(scrubber.apply(Map.of("MY_PROVIDER_KEY", "k", "HOME", "/home/x", "GITHUB_TOKEN", "t")))
                .containsOnlyKeys("HOME");
    }

    @Test
    void given_a_zero_or_negative_limit_or_cap_then_construction_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkspaceSandbox(root, Duration.ZERO, 10, Map.of()))
                .hasMessageContaining("time limit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkspaceSandbox(root, Duration.ofSeconds(1), 0, Map.of()))
                .hasMessageContaining("output cap");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkspaceSandbox(root.resolve("missing"), Duration.ofSeconds(1), 10, Map.of()))
                .hasMessageContaining("does not exist");
    }
}
