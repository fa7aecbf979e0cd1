package dev.baton.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one {@code baton invoke} process: wall time from launch to exit, the run's own
 * time (its result's {@code started_at} to {@code finished_at}), what the process spent before and
 * after the run, the first wave's call times (the reviewers' agent times, median and slowest),
 * peak RSS in KiB ({@code -1} when unknown) and the CPU time of the process, user + system
 * ({@code NaN} when unknown; a busy machine moves it much less than wall time). Times in milliseconds.
 */
record ProcessRun(double wallMs, double runMs, double preMs, double postMs, double firstWaveMedianMs,
                  double firstWaveMaxMs, long peakRssKib, double cpuMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the run result printed by {@code invoke -o json}; {@code launched} and {@code exited}
     * are the harness's clock readings around the process (the same wall clock the run stamps).
     */
    static ProcessRun of(String resultJson, Instant launched, Instant exited, long peakRssKib, double cpuMs) {
        JsonNode r = JSON.readTree(resultJson);
        if (!"completed".equals(r.path("status").asString())) {
            throw new IllegalStateException("run did not complete: " + r.path("status").asString()
                    + " " + r.path("agents").toString().lines().findFirst().orElse(""));
        }
        Instant started = Instant.parse(r.get("started_at").asString());
        Instant finished = Instant.parse(r.get("finished_at").asString());
        List<Double> wave = new ArrayList<>();
        JsonNode agents = r.get("agents");
        for (String name : agents.propertyNames()) {
            JsonNode a = agents.get(name);
            if (name.startsWith(BenchProject.REVIEWER_PREFIX)) {
                wave.add(ms(Instant.parse(a.get("started_at").asString()), Instant.parse(a.get("finished_at").asString())));
            }
        }
        return new ProcessRun(ms(launched, exited), ms(started, finished), ms(launched, started), ms(finished, exited),
                Stats.median(wave), wave.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), peakRssKib, cpuMs);
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
