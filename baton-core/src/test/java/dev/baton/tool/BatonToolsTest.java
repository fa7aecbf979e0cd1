package dev.baton.tool;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.llm.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Baton.tools()}: built on first use from configuration and the class path's sources, closed with Baton. */
class BatonToolsTest {

    @TempDir
    Path dir;

    private BatonPaths project(String configYaml) throws IOException {
        Path project = dir.resolve(".baton");
        Files.createDirectories(project);
        Files.writeString(project.resolve("config.yaml"), configYaml);
        return new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
    }

    @Test
    void tools_come_from_providers_with_configs_permissions_and_calls_are_audited() throws IOException {
        BatonPaths paths = project("tools: {mode: trust, allow: [echo], time_limit: 5s, output_cap: 1KiB}\n");
        AtomicReference<dev.baton.config.ToolSettings> seen = new AtomicReference<>();
        try (Baton baton = Baton.builder(paths, Map.of()).database(dir.resolve("baton.db"))
                .sandboxes(s -> {
                    seen.set(s);
                    return new TestTools.TestSandbox(s.workspace(), s.timeLimit(), s.outputCapBytes());
                }).build()) {
            Tools tools = baton.tools();
            List<Tool> all = tools.registry().all().stream().map(ToolRegistry.Entry::tool).toList();

            assertThat(tools.registry().all()).extracting(e -> e.tool().name() + "@" + e.source()).contains("echo@test", "scribble@test");
            assertThat(tools.permissions().permission("echo", ToolCategory.READ)).isEqualTo(ToolPolicy.Permission.RUN);
            assertThat(tools.permissions().permission("scribble", ToolCategory.WRITE)).isEqualTo(ToolPolicy.Permission.ASK);
            assertThat(seen.get().workspace()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(tools.sandbox().outputCapBytes()).isEqualTo(1024);

            ToolInvoker invoker = tools.invoker(all, tools.permissions(), new NonInteractiveApprover(), ToolListener.NONE);
            ToolContext context = new ToolContext("run-9", "cli", tools.sandbox(), Instant.now().plusSeconds(60));
            assertThat(invoker.invoke(new ToolCall("1", "echo", "{\"text\": \"hi\"}"), context).result().content()).isEqualTo("hi");
            assertThat(invoker.invoke(new ToolCall("2", "scribble", "{\"text\": \"hi\"}"), context).record().outcome())
                    .isEqualTo(ToolCallRecord.Outcome.DENIED);
            assertThat(tools.audit().list(new AuditLog.Filter("run-9", null, null, 10)))
                    .extracting(AuditLog.Entry::tool, AuditLog.Entry::decision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("scribble", "denied"),
                            org.assertj.core.groups.Tuple.tuple("echo", "allowed"));
        }
    }

    @Test
    void the_service_is_built_on_first_use_and_its_sources_closed_with_baton() throws IOException {
        BatonPaths paths = project("default_profile: offline\n");
        int created = TestToolSourceProvider.CREATED.get();
        int closed = TestToolSourceProvider.CLOSED.get();
        Baton baton = Baton.builder(paths, Map.of()).database(dir.resolve("baton.db")).build();

        assertThat(TestToolSourceProvider.CREATED.get()).as("nothing built before tools() is used").isEqualTo(created);
        assertThat(baton.tools()).isSameAs(baton.tools());
        assertThat(TestToolSourceProvider.CREATED.get()).isEqualTo(created + 1);
        baton.close();

        assertThat(TestToolSourceProvider.CLOSED.get()).isEqualTo(closed + 1);
    }

    @Test
    void by_default_tools_run_in_the_workspace_sandbox_with_the_built_in_tools_and_the_configured_limits() throws IOException {
        BatonPaths paths = project("tools: {time_limit: 7s}\n");
        Files.writeString(dir.resolve("a.txt"), "hello");
        try (Baton baton = Baton.builder(paths, Map.of()).database(dir.resolve("baton.db")).build()) {
            Sandbox sandbox = baton.tools().sandbox();

            assertThat(sandbox.callTimeLimit()).hasSeconds(7);
            assertThat(sandbox.root()).isEqualTo(dir.toRealPath());
            assertThat(sandbox.readable("a.txt")).isEqualTo(dir.toRealPath().resolve("a.txt"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.readable("../outside.txt"))
                    .isInstanceOf(SandboxViolation.class).hasMessageContaining("outside.txt");
            assertThat(baton.tools().registry().all()).extracting(e -> e.tool().name() + "@" + e.source())
                    .contains("read_file@builtin", "search_text@builtin", "apply_patch@builtin", "http_get@builtin");
        }
    }

    @Test
    void a_workspace_that_does_not_exist_is_a_configuration_error_naming_the_key() throws IOException {
        BatonPaths paths = project("tools: {workspace: no/such/folder}\n");
        try (Baton baton = Baton.builder(paths, Map.of()).database(dir.resolve("baton.db")).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(baton::tools)
                    .isInstanceOf(dev.baton.error.BatonException.class)
                    .hasMessageContaining("tools.workspace")
                    .satisfies(e -> assertThat(((dev.baton.error.BatonException) e).code())
                            .isEqualTo(dev.baton.error.ErrorCode.CONFIGURATION));
        }
    }
}
