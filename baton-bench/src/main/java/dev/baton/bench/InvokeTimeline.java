package dev.baton.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where one MCP {@code invoke} of the bench's five-agent ensemble spent its time, read from the
 * agents' {@code started_at}/{@code finished_at} in the call's structured result against the
 * client's clock readings around the call (one machine, one wall clock), in ms: {@code before}
 * the first agent started (HTTP, the SDK, session lookup, loading the ensemble), the three
 * reviewers' {@code wave} (first start to last end), the {@code gaps} between a wave's end and the
 * next agent's start (scheduling), the {@code synth} and {@code editor} agents' own times, and
 * {@code after} the editor ended (result, artifacts, the response to the client). {@code agentMax}
 * is the slowest single agent: a model call of 50 ms that takes far longer waited somewhere on
 * the model path (pipeline, ledger, the scripted model's timer).
 */
record InvokeTimeline(double totalMs, double beforeMs, double waveMs, double gapsMs, double synthMs, double editorMs,
                      double afterMs, double agentMaxMs) {

    static final List<String> REVIEWERS = List.of("style", "tests", "logic");

    /** {@code structured} is the call's {@code structuredContent}; {@code sent}/{@code received} the client's clock. */
    @SuppressWarnings("unchecked")
    static InvokeTimeline of(Object structured, Instant sent, Instant received) {
        Map<String, Object> agents = (Map<String, Object>) ((Map<String, Object>) structured).get("agents");
        Instant firstStart = null, reviewersEnd = null;
        double agentMax = 0;
        for (String name : REVIEWERS) {
            Instant s = at(agents, name, "started_at"), e = at(agents, name, "finished_at");
            firstStart = firstStart == null || s.isBefore(firstStart) ? s : firstStart;
            reviewersEnd = reviewersEnd == null || e.isAfter(reviewersEnd) ? e : reviewersEnd;
            agentMax = Math.max(agentMax, ms(s, e));
        }
        Instant synthStart = at(agents, "synthesizer", "started_at"), synthEnd = at(agents, "synthesizer", "finished_at");
        Instant editorStart = at(agents, "editor", "started_at"), editorEnd = at(agents, "editor", "finished_at");
        agentMax = Math.max(agentMax, Math.max(ms(synthStart, synthEnd), ms(editorStart, editorEnd)));
        return new InvokeTimeline(ms(sent, received), ms(sent, firstStart), ms(firstStart, reviewersEnd),
                ms(reviewersEnd, synthStart) + ms(synthEnd, editorStart), ms(synthStart, synthEnd),
                ms(editorStart, editorEnd), ms(editorEnd, received), agentMax);
    }

    @SuppressWarnings("unchecked")
    private static Instant at(Map<String, Object> agents, String agent, String field) {
        Object v = ((Map<String, Object>) agents.get(agent)).get(field);
        if (v == null) throw new IllegalStateException("agent " + agent + " has no " + field + " in the invoke result");
        return Instant.parse(v.toString());
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
