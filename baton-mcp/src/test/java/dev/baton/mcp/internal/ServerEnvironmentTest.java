package dev.baton.mcp.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerEnvironmentTest {

    @Test
    void credentials_are_dropped_from_the_inherited_environment_and_configured_values_win() {
        Map<String, String> env = ServerEnvironment.of(Map.of(
                "PATH", "/usr/bin", "HOME", "/home/u", "OPENAI_API_KEY", "sk", "GITHUB_TOKEN", "t",
                "AWS_SECRET_ACCESS_KEY", "s", "AWS_ACCESS_KEY_ID", "id", "DB_PASSWORD", "p", "LANG", "C"),
                Map.of("GITHUB_TOKEN", "given-on-purpose", "LANG", "en_US.UTF-8"));

        assertThat(env).containsOnlyKeys("PATH", "HOME", "GITHUB_TOKEN", "LANG");
        assertThat(env).containsEntry("GITHUB_TOKEN", "given-on-purpose").containsEntry("LANG", "en_US.UTF-8");
    }
}
