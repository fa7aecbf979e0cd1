package dev.baton.context.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval over the fixture project: for each question the chunk that answers it (a path and a
 * text its title holds) must be among the first three excerpts, with BM25 alone and with hybrid
 * search on a deterministic hashed-words embedding model. Prints recall@3 of both for
 * docs/PERFORMANCE.md.
 */
class RetrievalQualityTest {

    record Case(String query, String path, String titleHas) {
    }

    static final List<Case> CASES = List.of(
            new Case("how long should the valve stay open for a given soil moisture", "src/main/java/org/verdant/schedule/WateringScheduler.java", "computeDuration"),
            new Case("skip the cycle when rain is forecast", "src/main/java/org/verdant/schedule/WateringScheduler.java", "skipIfRaining"),
            new Case("next start time of a zone", "src/main/java/org/verdant/schedule/WateringScheduler.java", "nextRun"),
            new Case("calibrate the probe in dry air and water", "src/main/java/org/verdant/sensor/MoistureSensor.java", "calibrate"),
            new Case("convert raw analog value to moisture percentage", "src/main/java/org/verdant/sensor/MoistureSensor.java", "readPercent"),
            new Case("cut power to every relay at once", "src/main/java/org/verdant/valve/ValveController.java", "emergencyShutoff"),
            new Case("leak detection from flow rate", "src/main/java/org/verdant/valve/ValveController.java", "detectLeak"),
            new Case("frost warning e-mail", "src/main/java/org/verdant/notify/AlertMailer.java", "sendFrostWarning"),
            new Case("retry sending mail with exponential backoff", "src/main/java/org/verdant/notify/AlertMailer.java", "sendWithRetry"),
            new Case("daily digest of garden events", "src/main/java/org/verdant/notify/AlertMailer.java", "buildDigest"),
            new Case("download the hourly weather forecast for a latitude and longitude", "scripts/forecast_client.py", "fetch_forecast"),
            new Case("chance of rain and millimetres in the forecast payload", "scripts/forecast_client.py", "parse_precipitation"),
            new Case("cache forecasts with a time to live", "scripts/forecast_client.py", "ForecastCache"),
            new Case("export readings to a CSV file", "scripts/export_history.py", "export_csv"),
            new Case("total litres used per zone this week", "scripts/export_history.py", "summarize_week"),
            new Case("render a zone card in the dashboard", "web/dashboard.js", "renderZoneCard"),
            new Case("draw a histogram on the canvas", "web/dashboard.js", "drawHistogram"),
            new Case("format litres as cubic metres", "web/dashboard.js", "formatLitres"),
            new Case("prime the pump to get air out of the line", "firmware/pump.go", "PrimePump"),
            new Case("stop everything when line pressure is too high", "firmware/pump.go", "Trip"),
            new Case("how to wire the solenoid valves to the relay board", "docs/installation.md", "Wiring the valves"),
            new Case("flash firmware over USB", "docs/installation.md", "Flashing the firmware"),
            new Case("keep the pump silent at night", "docs/configuration.md", "Quiet hours"),
            new Case("postpone watering after rain", "docs/configuration.md", "Rain delay"),
            new Case("CRC checksum of a serial frame", "src/lib/checksum.rs", "crc16"),
            new Case("decode frames from serial bytes", "src/lib/checksum.rs", "FrameDecoder"),
            new Case("what license is the project under", "README.md", "License"));

    @Test
    void bm25_puts_the_answering_chunk_in_the_top_three_for_at_least_25_of_27_questions(@TempDir Path project, @TempDir Path data) {
        // 26/27 when written: "raw analog value" shares no word with readPercent's text, only with its neighbours
        double recall = recallAt3(project, data, null, "BM25");
        assertThat(recall * CASES.size()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void hybrid_search_puts_the_answering_chunk_in_the_top_three_for_at_least_26_of_27_questions(@TempDir Path project, @TempDir Path data) {
        // 27/27 when written: the word-piece vectors recover the question BM25 misses
        double recall = recallAt3(project, data, new HashedWordsEmbeddingModel(), "hybrid");
        assertThat(recall * CASES.size()).isGreaterThanOrEqualTo(26);
    }

    private static double recallAt3(Path project, Path data, dev.baton.llm.EmbeddingModel embedder, String label) {
        RetrievalFixture.copyTo(project);
        List<String> misses = new ArrayList<>();
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, embedder))) {
            assertThat(memory.mode()).isEqualTo(embedder == null ? SearchMode.BM25 : SearchMode.HYBRID);
            for (Case c : CASES) {
                List<Excerpt> top = memory.search(c.query(), 20_000).excerpts();
                top = top.subList(0, Math.min(3, top.size()));
                boolean hit = top.stream().anyMatch(e -> e.path().equals(c.path()) && e.title().contains(c.titleHas()));
                if (!hit) misses.add(c.query() + " -> " + top.stream().map(e -> e.path() + " [" + e.title() + "]").toList());
            }
        }
        double recall = (CASES.size() - misses.size()) / (double) CASES.size();
        System.out.printf(Locale.ROOT, "recall@3 %s: %d/%d = %.3f%n", label, CASES.size() - misses.size(), CASES.size(), recall);
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(20);
        return recall;
    }
}
