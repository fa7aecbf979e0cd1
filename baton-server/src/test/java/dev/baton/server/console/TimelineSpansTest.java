package dev.baton.server.console;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The console's timeline figures ({@code spans.js}), computed by Node from the module the browser loads. */
class TimelineSpansTest {

    @TempDir
    Path dir;

    private String run(String body) throws Exception {
        String node = Peers.which("node");
        assumeTrue(node != null, "node is not installed: skipping the console's script tests");
        Path module = Path.of("target/classes/dev/baton/server/console/spans.js").toAbsolutePath();
        Path script = dir.resolve("t.mjs");
        Files.writeString(script, "import { computeSpans } from '" + module.toUri() + "';\n" + body);
        Process p = new ProcessBuilder(node, script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void given_a_diamond_when_computed_then_waits_start_when_the_last_dependency_finished_and_the_critical_path_follows_it() throws Exception {
        String out = run("""
                const agents = [{name: 'a'}, {name: 'b', depends_on: ['a']}, {name: 'c', depends_on: ['a']}, {name: 'd', depends_on: ['b', 'c']}];
                const times = {a: {started: 0, finished: 100, status: 'completed'}, b: {started: 110, finished: 200, status: 'completed'},
                  c: {started: 105, finished: 400, status: 'completed', attempts: 2}, d: {started: 450, finished: 500, status: 'completed'}};
                const s = computeSpans(0, agents, times, 1000);
                console.log(JSON.stringify({ critical: [...s.critical].sort(), d: s.rows[3].ready, b: s.rows[1].ready, end: s.end, c: s.rows[2].attempts }));
                """);

        assertThat(out).isEqualTo("{\"critical\":[\"a\",\"c\",\"d\"],\"d\":400,\"b\":100,\"end\":500,\"c\":2}");
    }

    @Test
    void given_a_running_and_a_pending_agent_then_the_open_span_ends_now_and_the_pending_one_has_no_span() throws Exception {
        String out = run("""
                const s = computeSpans(0, [{name: 'a'}, {name: 'b', depends_on: ['a']}], {a: {started: 10}}, 70);
                console.log(JSON.stringify(s.rows.map((r) => [r.name, r.status, r.open, r.end])));
                """);

        assertThat(out).isEqualTo("[[\"a\",\"running\",true,70],[\"b\",\"pending\",false,null]]");
    }
}
