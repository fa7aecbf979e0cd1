package dev.baton.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run both MCP floors ({@link McpFloorTool}, {@link SdkFloorServer}) answer {@code invoke} with,
 * so the two send exactly the same: the real five-agent run's ten log notifications in its four
 * bursts (three reviewers started; after the model's latency three finished and the synthesizer
 * started; then the synthesizer finished and the editor started; then the editor finished), a
 * progress notification per finished agent, and three waits of the model's latency on the
 * caller's thread. No Baton work.
 */
final class McpFloorRun {

    /** What the run tells its client as it goes. */
    interface Notices {
        void log(String message);

        /** {@code finished} of the five agents are done; {@code message} names the last one. */
        void progress(int finished, String message);
    }

    /** When one agent started and finished. */
    record Times(Instant started, Instant finished) {
    }

    private McpFloorRun() {
    }

    /** Runs it; each agent's times, in the order they finished. */
    static Map<String, Times> run(long latencyMs, Notices notices) throws InterruptedException {
        Map<String, Times> agents = new LinkedHashMap<>();
        Instant wave = Instant.now();
        for (String r : InvokeTimeline.REVIEWERS) notices.log("agent " + r + " started");
        Thread.sleep(latencyMs);
        Instant waveEnd = Instant.now();
        for (String r : InvokeTimeline.REVIEWERS) finished(agents, notices, r, new Times(wave, waveEnd));
        Instant started = waveEnd;
        for (String next : List.of("synthesizer", "editor")) {
            notices.log("agent " + next + " started");
            Thread.sleep(latencyMs);
            Instant ended = Instant.now();
            finished(agents, notices, next, new Times(started, ended));
            started = ended;
        }
        return agents;
    }

    private static void finished(Map<String, Times> agents, Notices notices, String agent, Times times) {
        agents.put(agent, times);
        notices.log("agent " + agent + " completed");
        notices.progress(agents.size(), "agent " + agent + " completed");
    }
}
