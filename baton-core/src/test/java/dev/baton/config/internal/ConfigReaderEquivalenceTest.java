package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.UnsetVariable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reader without reflective binding ({@link ConfigLoader}) reads every
 * document as the Jackson binding it replaced ({@link JacksonConfigReference}) did: the same
 * records, the same unset variables (file, line, field), or the same error message. Over every
 * {@code <!-- baton:config -->} block of the docs, and over a configuration that sets every key,
 * with each of its values in turn replaced by values of every kind (and each of its mappings given
 * an unknown key). The few messages that are intentionally better are listed in
 * {@link #improved}.
 */
class ConfigReaderEquivalenceTest {

    private static final Path FILE = Path.of("/project/.baton/config.yaml");
    private static final Map<String, String> ENV = Map.of("SET_VAR", "from-env", "NUM_VAR", "42", "BOOL_VAR", "yes");
    private static final Pattern CONFIG_BLOCK = Pattern.compile("<!-- baton:config -->\\s*\\n```yaml\\n(.*?)\\n```", Pattern.DOTALL);

    /** Sets every key of every record once, all valid. */
    static final String EVERY_KEY = """
            default_profile: fast
            providers:
              groq:
                kind: openai
                base_url: https://api.groq.com/openai/v1
                api_key: ${SET_VAR}
                headers: {X-Team: core}
                organization: org-1
                project: proj-1
                timeout_seconds: 30
                connect_timeout_seconds: 2.5
                options: {seed: 7, big: 3000000000, ratio: 0.5, on: true, none: null, nested: {list: [1, two, "${SET_VAR}"]}}
                persona: terse
            profiles:
              fast:
                provider: groq
                model: llama-3.1-8b-instant
                temperature: 0.2
                max_tokens: 512
                timeout_seconds: 20
                system_prompt: Be brief.
                options: {top_p: 0.9}
                prices: {input: 0.05, cached_input: 0.01, output: 0.08}
                context_window: 128000
                max_output_tokens: 8192
                fallback: [slow]
                description: quick answers
                persona: terse
              slow:
                provider: groq
                model: llama-3.3-70b
                fallback: fast
            aliases:
              quick: fast
            routing:
              code: [fast, slow]
            budgets:
              - scope: global
                key: all
                period: day
                usd: 5
                tokens: 100000
                rpm: 60
                tpm: 100000
            retry:
              max_attempts: 3
              base_delay_ms: 200
              max_delay_ms: 5000
              max_retry_after_seconds: 30
              total_retry_budget_seconds: 60
            defaults:
              timeout_seconds: 60
              max_concurrency: 8
            store:
              kind: sqlite
              path: usage.db
            tools:
              mode: manual
              allow: [read_file, "git_*"]
              deny: [run_command]
              workspace: .
              time_limit: 30s
              output_cap: 64KiB
              http_get:
                enabled: true
                allow_hosts: [example.com]
                max_bytes: 1MiB
              run_command:
                shell: false
              approval_timeout: 5m
            mcp_servers:
              files:
                command: npx
                args: [-y, server-filesystem, .]
                env: {TOKEN: "${SET_VAR}"}
                cwd: .
                category: read
                timeout_seconds: 30
              remote:
                url: https://mcp.example.com/mcp
                headers: {Authorization: "Bearer ${SET_VAR}"}
                oauth:
                  client_id: baton
                  client_secret: s3cret
                  scopes: [read, write]
                  redirect_uri: http://127.0.0.1:8765/callback
                  grant: client_credentials
            server:
              host: 127.0.0.1
              port: 8080
              mcp: true
              token: ${SET_VAR}
              allowed_origins: [http://localhost:3000]
              auth: true
              cors_origins: [http://localhost:3000]
              max_request_bytes: 1048576
              request_timeout_seconds: 60
              shutdown_grace_seconds: 5
              max_concurrent_per_key: 8
              allowed_hosts: [baton.internal]
              metrics_public: false
              agentic: {model: agentic, ensemble: serve}
            telemetry:
              capture_content: false
            coordinator:
              profile: fast
              tool_profile: fast
              expert_profile: slow
              temperature: 0.3
              max_tokens: 2048
              prompts_dir: prompts
              response_format: json
              max_execution_time: 60s
              max_cost_usd: 1.5
              job_wait_timeout: 30s
              max_parallel_jobs: 4
              tools: [read_file, "ensemble:review"]
            context:
              history: summarize
              output_reserve_tokens: 1024
              retention_messages: 10
              summary_profile: fast
              count_endpoints: true
              count_endpoint_min_tokens: 2000
            memory:
              embedding_profile: fast
              summary_profile: fast
              max_file_bytes: 2048
              search_tokens: 500
            worker:
              enabled: true
              threads: 4
              replica: r1
              poll_interval_seconds: 1
              heartbeat_seconds: 2
              missed_heartbeats: 5
              shutdown_wait_seconds: 10
            """;

    /** Values of every kind that each value of {@link #EVERY_KEY} is replaced with in turn. */
    private static final List<String> VALUES = List.of("~", "''", "text", "'${UNSET_VAR}'", "'${NUM_VAR}'", "' 7 '",
            "'1.5'", "3", "-2", "99999999999999999999", "1.5", "true", "[a, b]", "[~]", "{x: 1}");

    @Test
    void the_docs_config_blocks_read_the_same() throws IOException {
        List<String> blocks = docBlocks();
        assertThat(blocks).hasSizeGreaterThan(10);
        List<String> differences = new ArrayList<>();
        for (String block : blocks) compare(block, differences);
        assertThat(differences).isEmpty();
    }

    @Test
    void a_config_with_every_key_reads_the_same_with_every_value_of_every_kind() {
        YAMLMapper yaml = YAMLMapper.builder().build();
        JsonNode base = yaml.readTree(EVERY_KEY);
        List<String> differences = new ArrayList<>();
        compare(EVERY_KEY, differences);
        assertThat(differences).as("the valid document").isEmpty();
        List<List<Object>> paths = new ArrayList<>();
        collect(base, new ArrayList<>(), paths);
        int documents = 0;
        for (List<Object> path : paths) {
            for (String value : VALUES) {
                JsonNode mutated = base.deepCopy();
                set(mutated, path, yaml.readTree("v: " + value).get("v"));
                compare(yaml.writeValueAsString(mutated), differences);
                documents++;
            }
            JsonNode at = get(base, path);
            if (at.isObject()) {
                JsonNode mutated = base.deepCopy();
                ((ObjectNode) get(mutated, path)).put("bogus_key", 1);
                compare(yaml.writeValueAsString(mutated), differences);
                documents++;
            }
        }
        assertThat(documents).isGreaterThan(2000);
        assertThat(differences).isEmpty();
    }

    @Test
    void odd_documents_read_the_same() {
        List<String> differences = new ArrayList<>();
        for (String doc : List.of("~", "# only a comment\n", "---\n", "- a\n- b\n", "just text\n", "42\n", "''\n",
                "profiles:\n  a: {provider: x, model: y}\n---\nprofiles: {}\n",
                "profiles:\n  a: {provider: x, model: y}\n  a: {provider: x, model: z}\n",
                "base: &b {provider: x}\nprofiles:\n  a: *b\n",
                "profiles:\n  a:\n    provider: x\n\tmodel: y\n",
                "profiles:\n  fast:\n    modle: x\n",
                "profiles:\n  fast:\n    provider: x\n    model:\n      nested: 1\n",
                "profiles:\n  fast:\n    provider: x\n    model: y\n    prices:\n      input: 1\n      output: -2\n",
                "profiles:\n  fast:\n    provider: x\n    model: y\n    prices: {input: 1, output: -2}\n",
                "profiles:\n  fast:\n    provider: x\n    model: y\n    fallback:\n      - a\n      - {b: 1}\n",
                "profiles:\n  fast:\n    provider: x\n    model: y\n    fallback: {b: 1}\n",
                "profiles:\n  fast: ~\n  slow:\n    model: groq/llama\n",
                "store: usage.db\n", "store:\n  kind: postgres\n  path: x.db\n",
                "worker:\n  threads: 1000\n  replica: r\n",
                "tools:\n  allow:\n    - read_file\n    - ~\n",
                "mcp_servers:\n  bad.name:\n    command: x\n  both:\n    command: x\n    url: https://x\n",
                "coordinator:\n  tools:\n    - 'not a tool'\n")) {
            compare(doc, differences);
        }
        assertThat(differences).isEmpty();
    }

    private void compare(String doc, List<String> differences) {
        String before = outcome(doc, true);
        String after = outcome(doc, false);
        if (!before.equals(after) && !improved(before, after)) {
            differences.add("\n--- document:\n" + doc + "--- Jackson binding:\n" + before + "\n--- new reader:\n" + after);
        }
    }

    /**
     * What the new reader does better: errors worded for the user where the binding let Java or
     * Jackson wording through or named no field (a number out of range, a null item in a list the
     * record copies, a second document), {@code ${VAR}} expanded in the one-line {@code store:}
     * form too, and a file of only comments read as empty (as a blank one always was).
     */
    private static boolean improved(String before, String after) {
        if (before.contains("Numeric value (") && before.contains("out of range of")) {
            return after.contains("must be a whole number from ");
        }
        if (before.contains("problem: `java.lang.NullPointerException`") || before.contains("NullPointerException")) {
            return after.contains("a value is missing (null)");
        }
        if (before.contains("path=String:${")) {
            // store: ${VAR} (the one-line form) now has its variable expanded, as every other string does
            return after.startsWith("ok ") && !after.contains("path=String:${");
        }
        if (before.startsWith("error") && before.endsWith("the top level must be a mapping")) {
            // a file of only comments is empty, as a blank file is; the binding found "no content"
            return after.startsWith("ok BatonConfig[defaultProfile=null, providers={}, profiles={}");
        }
        if (before.endsWith("must be a list, found text") && after.endsWith("must be a list, found ''")) {
            return true; // a list of mappings given '': the binding said "text" here and "''" for other lists
        }
        if (before.endsWith("the top level must be a mapping, found a mapping")) {
            return after.contains("a second YAML document ('---')");
        }
        return false;
    }

    private static EnvExpander current;
    /** One Jackson mapper for every document (its deserializers are built once), each read with a fresh expander. */
    private static final JacksonConfigReference JACKSON = new JacksonConfigReference(() -> current);

    /** "ok" with the records and unset variables, or "error" with the message. */
    private static String outcome(String doc, boolean jackson) {
        EnvExpander env = EnvExpander.of(ENV);
        current = env;
        try {
            BatonConfig config = jackson ? JACKSON.parse(doc, FILE) : new ConfigLoader(env).parse(doc, FILE);
            return "ok " + describe(config) + " unset " + env.unsetVariables().stream().map(ConfigReaderEquivalenceTest::describe).toList();
        } catch (RuntimeException e) {
            return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Records with their secrets shown (their toString hides them) and value types (3 and 3L differ). */
    private static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof UnsetVariable u) return u.file() + ":" + u.line() + " " + u.field() + " " + u.variable() + " " + u.expandedTo();
        if (value instanceof Record r) {
            StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('[');
            for (var c : r.getClass().getRecordComponents()) {
                try {
                    b.append(c.getName()).append('=').append(describe(c.getAccessor().invoke(r))).append(", ");
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return b.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(k).append('=').append(describe(v)).append(", "));
            return b.append('}').toString();
        }
        if (value instanceof List<?> l) return l.stream().map(ConfigReaderEquivalenceTest::describe).toList().toString();
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
        out.add(List.copyOf(path));
        if (node.isObject()) {
            for (var e : node.properties()) {
                path.add(e.getKey());
                collect(e.getValue(), path, out);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, out);
                path.removeLast();
            }
        }
    }

    private static JsonNode get(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object step : path) n = step instanceof Integer i ? n.get(i) : n.get((String) step);
        return n;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        if (path.isEmpty()) return;
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        JsonNode v = value == null ? JsonNodeFactory.instance.nullNode() : value;
        if (last instanceof Integer i) ((ArrayNode) parent).set(i, v);
        else ((ObjectNode) parent).set((String) last, v);
    }

    private static List<String> docBlocks() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> blocks = new ArrayList<>();
        for (Path f : files) {
            Matcher m = CONFIG_BLOCK.matcher(Files.readString(f));
            while (m.find()) blocks.add(m.group(1) + "\n");
        }
        return blocks;
    }
}
