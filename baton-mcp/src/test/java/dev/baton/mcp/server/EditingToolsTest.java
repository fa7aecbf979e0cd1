package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editing tools of issue 12 (ensembles, profiles, scripts, readiness, set_project, get_help)
 * through the real server and the SDK's client over Streamable HTTP, each called with valid and
 * with invalid arguments, over a project with a scripted model and a commented config.yaml.
 */
class EditingToolsTest {

    private static final String CONFIG = """
            # Project config: this comment must survive profile edits
            default_profile: canned
            providers:
              fake:   # offline replies
                kind: scripted
                options:
                  script:
                    rules:
                      - match: ".*"
                        reply: {text: "scripted reply"}
            profiles:
              canned: {provider: fake, model: m1}
            # routing below
            routing:
              chat: [canned]
            """;

    @TempDir
    static Path dir;

    private static Path project;
    private static Path other;
    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        project = dir.resolve("project/.baton");
        Files.createDirectories(project.resolve("ensembles"));
        Files.createDirectories(project.resolve("scripts"));
        Files.writeString(project.resolve("config.yaml"), CONFIG);
        Files.writeString(project.resolve("ensembles/echo.yaml"), echo("echo", "v1"));
        Files.writeString(project.resolve("ensembles/mixed.yaml"), """
                name: mixed
                agents:
                  - {name: count, script: count.sh}
                  - {name: think, model_profile: cloud-less}
                  - {name: sub, ensemble: echo}
                """);
        Files.writeString(project.resolve("scripts/count.sh"), "# counts words\nwc -w | tr -d ' '\n");
        other = dir.resolve("other");
        Files.createDirectories(other.resolve(".baton/ensembles"));
        Files.writeString(other.resolve(".baton/ensembles/elsewhere.yaml"), echo("elsewhere", "other project"));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build().serveHttp(McpHttpOptions.defaults().withPort(0));
        client = client();
    }

    private static String echo(String name, String word) {
        return """
                name: %s
                agents:
                  - name: say
                    script: 'printf "%s:%%s" "$BATON_INPUT"'
                """.formatted(name, word);
    }

    private static McpSyncClient client() {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return call(client, tool, args);
    }

    private static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ok(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("error: %s", r.content()).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    private static String error(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("expected an error, got %s", r.structuredContent()).isTrue();
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void the_editing_tools_are_listed_with_input_and_output_schemas() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).contains("create_ensemble", "update_ensemble", "delete_ensemble",
                "create_profile", "update_profile", "delete_profile", "list_scripts", "get_script", "test_script",
                "create_script", "delete_script", "check_ensemble_runnable", "list_dependencies", "set_project", "get_help",
                "list_ensembles", "invoke");
        assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).isNotNull().containsKey("properties"));
    }

    @Test
    void create_ensemble_writes_a_valid_ensemble_and_refuses_bad_or_existing_ones() throws Exception {
        Map<String, Object> created = ok(call("create_ensemble", args("name", "fresh", "content", echo("fresh", "new"))));
        Map<String, Object> copied = ok(call("create_ensemble", args("name", "copy", "from", "echo")));

        assertThat(created).containsEntry("written", true);
        assertThat(Files.readString(project.resolve("ensembles/fresh.yaml"))).contains("name: fresh");
        assertThat(copied.get("file").toString()).endsWith("copy.yaml");
        assertThat(ok(call("invoke", args("ensemble", "copy", "input", "x")))).containsEntry("output", "v1:x");
        assertThat(error(call("create_ensemble", args("content", "x")))).contains("name");
        assertThat(error(call("create_ensemble", args("name", "neither")))).contains("field 'content'");
        assertThat(error(call("create_ensemble", args("name", "echo", "content", echo("echo", "again"))))).contains("field 'name'")
                .contains("already exists");
        assertThat(error(call("create_ensemble", args("name", "bad", "content",
                "name: bad\nagents:\n  - {name: a, depends_on: [ghost], script: 'true'}\n")))).contains("field 'content'").contains("ghost");
        assertThat(project.resolve("ensembles/bad.yaml")).doesNotExist();
    }

    @Test
    void update_ensemble_changes_the_yaml_and_the_next_invoke_uses_it() throws Exception {
        ok(call("create_ensemble", args("name", "changing", "content", echo("changing", "before"))));
        assertThat(ok(call("invoke", args("ensemble", "changing", "input", "in")))).containsEntry("output", "before:in");

        Map<String, Object> dry = ok(call("update_ensemble", args("name", "changing", "content", echo("changing", "after"), "dry_run", true)));
        assertThat(dry).containsEntry("written", false);
        assertThat(dry.get("diff").toString()).contains("-    script: 'printf \"before:%s\"").contains("+    script: 'printf \"after:%s\"");
        assertThat(Files.readString(project.resolve("ensembles/changing.yaml"))).contains("before");

        Map<String, Object> done = ok(call("update_ensemble", args("name", "changing", "content", echo("changing", "after"), "backup", true)));
        assertThat(done).containsEntry("written", true);
        assertThat(Files.readString(Path.of(done.get("backup").toString()))).contains("before");
        assertThat(ok(call("invoke", args("ensemble", "changing", "input", "in")))).containsEntry("output", "after:in");

        assertThat(error(call("update_ensemble", args("name", "changing")))).contains("content");
        assertThat(error(call("update_ensemble", args("name", "nope", "content", echo("nope", "x"))))).contains("field 'name'");
        assertThat(error(call("update_ensemble", args("name", "changing", "content", "agents: [")))).contains("field 'content'");
        assertThat(Files.readString(project.resolve("ensembles/changing.yaml"))).contains("after");
    }

    @Test
    void delete_ensemble_without_confirm_refuses_and_with_it_deletes() {
        ok(call("create_ensemble", args("name", "doomed", "content", echo("doomed", "x"))));

        assertThat(error(call("delete_ensemble", args("name", "doomed")))).contains("field 'confirm'").contains("nothing was deleted");
        assertThat(error(call("delete_ensemble", args("name", "doomed", "confirm", false)))).contains("confirm");
        assertThat(project.resolve("ensembles/doomed.yaml")).exists();
        assertThat(ok(call("delete_ensemble", args("name", "doomed", "confirm", true)))).containsEntry("deleted", true);
        assertThat(project.resolve("ensembles/doomed.yaml")).doesNotExist();
        assertThat(error(call("delete_ensemble", args("name", "doomed", "confirm", true)))).contains("field 'name'");
        assertThat(error(call("delete_ensemble", args("confirm", true)))).contains("name");
    }

    @Test
    void profile_edits_keep_the_comments_elsewhere_in_config_yaml_and_take_effect() throws Exception {
        ok(call("create_profile", args("name", "spare", "provider", "fake", "model", "m2", "description", "a spare")));
        ok(call("update_profile", args("name", "spare", "changes", args("model", "m3"))));

        String text = Files.readString(project.resolve("config.yaml"));
        assertThat(text).startsWith("# Project config: this comment must survive profile edits\n")
                .contains("  fake:   # offline replies\n", "# routing below\n", "  canned: {provider: fake, model: m1}\n")
                .contains("  spare:\n", "    provider: fake\n", "    model: m3\n", "    description: \"a spare\"\n")
                .doesNotContain("m2");
        assertThat(ok(call("list_profiles", Map.of())).get("profiles").toString()).contains("name=spare").contains("model=m3");

        assertThat(error(call("delete_profile", args("name", "spare")))).contains("field 'confirm'");
        assertThat(ok(call("delete_profile", args("name", "spare", "confirm", true)))).containsEntry("deleted", true);
        assertThat(Files.readString(project.resolve("config.yaml"))).isEqualTo(CONFIG);
    }

    @Test
    void profile_tools_refuse_bad_arguments_naming_the_field() throws Exception {
        assertThat(error(call("create_profile", args("name", "p", "model", "m")))).contains("provider");
        assertThat(error(call("create_profile", args("name", "p", "provider", "nowhere", "model", "m")))).contains("field 'provider'")
                .contains("nowhere");
        assertThat(error(call("create_profile", args("name", "canned", "provider", "fake", "model", "m")))).contains("field 'name'");
        assertThat(error(call("update_profile", args("name", "canned", "changes", args("temperature", "hot"))))).contains("temperature");
        assertThat(error(call("update_profile", args("name", "ghost", "changes", args("model", "x"))))).contains("field 'name'");
        assertThat(error(call("delete_profile", args("name", "ghost", "confirm", true)))).contains("field 'name'");
        assertThat(Files.readString(project.resolve("config.yaml"))).isEqualTo(CONFIG);
    }

    @Test
    void script_tools_list_get_test_create_and_delete() throws Exception {
        assertThat(ok(call("list_scripts", Map.of())).get("scripts").toString()).contains("name=count.sh").contains("description=counts words");
        assertThat(ok(call("get_script", args("name", "count")))).containsEntry("content", "# counts words\nwc -w | tr -d ' '\n");
        Map<String, Object> tested = ok(call("test_script", args("name", "count.sh", "input", "one two three")));
        assertThat(tested).containsEntry("ok", true).containsEntry("exit_code", 0);
        assertThat(tested.get("stdout").toString().strip()).isEqualTo("3");

        ok(call("create_script", args("name", "shout.sh", "content", "printf '%s!' \"$BATON_INPUT\"\n")));
        assertThat(ok(call("test_script", args("name", "shout.sh", "input", "hey")))).containsEntry("stdout", "hey!");
        assertThat(error(call("delete_script", args("name", "shout.sh")))).contains("field 'confirm'");
        assertThat(ok(call("delete_script", args("name", "shout.sh", "confirm", true)))).containsEntry("deleted", true);
        assertThat(project.resolve("scripts/shout.sh")).doesNotExist();
    }

    @Test
    void script_tools_refuse_bad_arguments_naming_the_field() {
        assertThat(error(call("list_scripts", args("x", 1)))).contains("x");
        assertThat(error(call("get_script", args("name", "ghost")))).contains("field 'name'").contains("ghost");
        assertThat(error(call("test_script", args("name", "count.sh", "timeout_seconds", 0)))).contains("timeout_seconds");
        assertThat(error(call("test_script", args("name", "ghost")))).contains("field 'name'");
        assertThat(error(call("create_script", args("name", "count.sh", "content", "x\n")))).contains("field 'name'").contains("already exists");
        assertThat(error(call("create_script", args("name", "plain", "content", "echo hi")))).contains("field 'content'");
        assertThat(error(call("create_script", args("name", "../up.sh", "content", "true")))).contains("field 'name'");
        assertThat(error(call("delete_script", args("name", "ghost", "confirm", true)))).contains("field 'name'");
    }

    @Test
    void check_ensemble_runnable_and_list_dependencies_report_per_agent() {
        Map<String, Object> check = ok(call("check_ensemble_runnable", args("ensemble", "mixed")));
        Map<String, Object> deps = ok(call("list_dependencies", args("ensemble", "mixed")));

        assertThat(check).containsEntry("runnable", false);
        assertThat(check.get("agents").toString()).contains("agent=count, kind=script, runnable=true")
                .contains("agent=think").contains("unknown profile 'cloud-less'").contains("suggested_profile=canned");
        assertThat(ok(call("check_ensemble_runnable", args("ensemble", "echo")))).containsEntry("runnable", true);
        assertThat(deps.get("profiles")).isEqualTo(List.of("cloud-less"));
        assertThat(deps.get("scripts")).isEqualTo(List.of("count.sh"));
        assertThat(deps.get("ensembles")).isEqualTo(List.of("echo"));
        assertThat(deps.get("missing")).isEqualTo(List.of("profile cloud-less"));
        assertThat(error(call("check_ensemble_runnable", args("ensemble", "ghost")))).contains("field 'ensemble'");
        assertThat(error(call("list_dependencies", Map.of()))).contains("ensemble");
    }

    @Test
    void set_project_switches_only_this_session_and_its_later_calls() {
        try (McpSyncClient mine = client()) {
            Map<String, Object> switched = ok(call(mine, "set_project", args("path", other.toString())));

            assertThat(switched).containsEntry("has_project", true).containsEntry("ensembles", 1);
            assertThat(ok(call(mine, "list_ensembles", Map.of())).get("ensembles").toString()).contains("name=elsewhere").doesNotContain("name=echo");
            assertThat(ok(call(mine, "invoke", args("ensemble", "elsewhere", "input", "i")))).containsEntry("output", "other project:i");
            ok(call(mine, "create_ensemble", args("name", "made-there", "content", echo("made-there", "x"))));
            assertThat(other.resolve(".baton/ensembles/made-there.yaml")).exists();
            assertThat(ok(call("list_ensembles", Map.of())).get("ensembles").toString()).contains("name=echo").doesNotContain("elsewhere");

            assertThat(error(call(mine, "set_project", args("path", dir.resolve("missing").toString())))).contains("field 'path'");
            assertThat(error(call(mine, "set_project", Map.of()))).contains("path");
        }
    }

    @Test
    void get_help_describes_every_tool_or_one() {
        Map<String, Object> all = ok(call("get_help", Map.of()));
        Map<String, Object> one = ok(call("get_help", args("tool", "update_ensemble")));

        assertThat(all.get("getting_started").toString()).contains("list_ensembles");
        assertThat(all.get("tools").toString()).contains("name=invoke").contains("name=set_project");
        assertThat(one.get("tools").toString()).contains("dry_run");
        assertThat(error(call("get_help", args("tool", "nope")))).contains("field 'tool'");
    }
}
