package dev.baton.bench;

import dev.baton.context.memory.IndexStats;
import dev.baton.context.memory.MemorySettings;
import dev.baton.context.memory.ProjectMemory;
import dev.baton.context.memory.SearchResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Project memory at scale: generates a project of {@code --files} files (Java, Python, Markdown
 * in a 6:3:1 mix, made from a fixed-seed vocabulary so runs are comparable), then times
 * <ol>
 *   <li>the full index of the project (cold: empty index folder);</li>
 *   <li>an update with nothing changed (a stat of every file, no reads);</li>
 *   <li>the incremental re-index after one file changed (median of {@code --changes} changes);</li>
 *   <li>warm searches: {@code --warmup} queries, then {@code --queries} timed queries of 2–4 words
 *       with a 2,000-token budget, reported as p50/p95/p99.</li>
 * </ol>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.MemorySearchHarness
 * [--files 10000] [--warmup 500] [--queries 2000] [--changes 5]}
 * <p>Prints figures; asserts nothing about time. Exits 1 if an update re-indexes more than it should.
 */
public final class MemorySearchHarness {

    private static final String[] WORDS = ("account address alarm archive balance batch beacon border bucket budget "
            + "buffer cache calendar canvas carrier catalog channel checksum cipher cluster column command config "
            + "console contract counter crawler cursor customer dashboard decoder delivery digest document domain "
            + "driver encoder engine envelope event export feature filter folder format fragment frame gateway "
            + "graph handler header history import index inventory invoice journal kernel ledger library limit "
            + "listener locale lock mailbox manifest marker matrix message metric migration module monitor network "
            + "notice order package packet parcel parser payment pipeline planner policy portal printer profile "
            + "promise protocol queue quota receipt record region registry relay replica report request resolver "
            + "resource retry route sample schedule schema scope search sensor session shard signal snapshot socket "
            + "source spindle storage stream summary supplier switch table tariff teller template tenant thread ticket "
            + "timer token topic tracker transfer trigger tunnel upload valve vault vector vendor version voucher "
            + "wallet warehouse widget window worker").split(" ");
    private static final String[] VERBS = ("load save parse render compute validate merge split flush open close send "
            + "receive build apply resolve encode decode publish refresh rotate compact reserve settle").split(" ");

    private MemorySearchHarness() {
    }

    public static void main(String[] args) throws Exception {
        int files = intArg(args, "--files", 10_000);
        int warmup = intArg(args, "--warmup", 500);
        int queries = intArg(args, "--queries", 2_000);
        int changes = intArg(args, "--changes", 5);
        Path dir = Files.createTempDirectory("baton-bench-memory-");
        Path project = Files.createDirectories(dir.resolve("project"));
        Random random = new Random(42);
        long genStart = System.nanoTime();
        List<Path> written = generate(project, files, random);
        System.out.printf(Locale.ROOT, "generated %,d files (%,d bytes) in %.1f s%n", written.size(), size(written),
                (System.nanoTime() - genStart) / 1e9);
        MemorySettings settings = new MemorySettings(project, dir.resolve("data/index"), dev.baton.store.internal.SqliteDatabase.migrated(dir.resolve("data/baton.db")),
                List.of(), 1024 * 1024, null, null, null);
        int failures = 0;
        try (ProjectMemory memory = ProjectMemory.open(settings)) {
            long t0 = System.nanoTime();
            IndexStats full = memory.reindex();
            System.out.printf(Locale.ROOT, "full index: %,d files, %,d chunks in %,d ms (wall %.0f ms)%n",
                    full.indexed(), full.chunks(), full.millis(), (System.nanoTime() - t0) / 1e6);

            long t1 = System.nanoTime();
            IndexStats none = memory.reindex();
            System.out.printf(Locale.ROOT, "update with nothing changed: %d indexed, %,d unchanged in %.0f ms%n",
                    none.indexed(), none.unchanged(), (System.nanoTime() - t1) / 1e6);
            if (none.indexed() != 0) failures++;

            List<Double> incremental = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                Path f = written.get(random.nextInt(written.size()));
                Files.writeString(f, Files.readString(f) + "\n// changed " + i + " " + word(random) + "\n");
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10 + i)));
                long t = System.nanoTime();
                IndexStats one = memory.reindex();
                incremental.add((System.nanoTime() - t) / 1e6);
                if (one.indexed() != 1) failures++;
            }
            System.out.printf(Locale.ROOT, "incremental re-index of one changed file: median %.0f ms over %d changes %s%n",
                    Stats.median(incremental), changes, format(incremental));

            List<String> qs = new ArrayList<>();
            for (int i = 0; i < warmup + queries; i++) qs.add(query(random));
            for (int i = 0; i < warmup; i++) memory.search(qs.get(i), 2000);
            double[] ms = new double[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                long t = System.nanoTime();
                SearchResult r = memory.search(qs.get(warmup + i), 2000);
                ms[i] = (System.nanoTime() - t) / 1e6;
                hits += r.excerpts().size();
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "search (warm, %,d queries, 2,000-token budget, %.1f excerpts each): "
                            + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries, hits / (double) queries,
                    pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]);
        }
        if (failures > 0) {
            System.out.println("FAILED: " + failures + " update(s) re-indexed the wrong number of files");
            System.exit(1);
        }
    }

    private static List<Path> generate(Path root, int count, Random r) throws IOException {
        List<Path> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(root.resolve("m" + (i % 50)).resolve("p" + (i % 7)));
            int kind = i % 10;
            String base = capital(word(r)) + capital(word(r)) + i;
            Path f;
            if (kind < 6) f = Files.writeString(folder.resolve(base + ".java"), java(base, r));
            else if (kind < 9) f = Files.writeString(folder.resolve(base.toLowerCase(Locale.ROOT) + ".py"), python(r));
            else f = Files.writeString(folder.resolve(base.toLowerCase(Locale.ROOT) + ".md"), markdown(base, r));
            out.add(f);
        }
        return out;
    }

    private static String java(String name, Random r) {
        StringBuilder s = new StringBuilder("package gen;\n\nimport java.util.List;\n\n/** " + sentence(r) + " */\npublic final class "
                + name + " {\n\n    private final List<String> " + word(r) + "s = List.of();\n");
        int methods = 3 + r.nextInt(5);
        for (int m = 0; m < methods; m++) {
            String method = VERBS[r.nextInt(VERBS.length)] + capital(word(r)) + capital(word(r));
            s.append("\n    /** ").append(sentence(r)).append(" */\n    public int ").append(method)
                    .append("(String ").append(word(r)).append(", int ").append(word(r)).append("Limit) {\n");
            for (int l = 0; l < 3 + r.nextInt(8); l++) {
                s.append("        int ").append(word(r)).append(l).append(" = ").append(word(r)).append("Limit + ")
                        .append(r.nextInt(100)).append("; // ").append(word(r)).append(' ').append(word(r)).append('\n');
            }
            s.append("        return ").append(r.nextInt(10)).append(";\n    }\n");
        }
        return s.append("}\n").toString();
    }

    private static String python(Random r) {
        StringBuilder s = new StringBuilder("\"\"\"" + sentence(r) + "\"\"\"\n\nimport json\n");
        for (int f = 0; f < 3 + r.nextInt(4); f++) {
            s.append("\n\ndef ").append(VERBS[r.nextInt(VERBS.length)]).append('_').append(word(r)).append('_')
                    .append(word(r)).append("(").append(word(r)).append(", ").append(word(r)).append("):\n    \"\"\"")
                    .append(sentence(r)).append("\"\"\"\n");
            for (int l = 0; l < 2 + r.nextInt(6); l++) {
                s.append("    ").append(word(r)).append(" = ").append(word(r)).append(" + ").append(r.nextInt(50)).append('\n');
            }
            s.append("    return ").append(word(r)).append('\n');
        }
        return s.toString();
    }

    private static String markdown(String title, Random r) {
        StringBuilder s = new StringBuilder("# " + title + "\n\n" + sentence(r) + "\n");
        for (int h = 0; h < 2 + r.nextInt(4); h++) {
            s.append("\n## ").append(capital(word(r))).append(' ').append(word(r)).append("\n\n");
            for (int p = 0; p < 2 + r.nextInt(3); p++) s.append(sentence(r)).append(' ');
            s.append('\n');
        }
        return s.toString();
    }

    private static String sentence(Random r) {
        StringBuilder s = new StringBuilder(capital(VERBS[r.nextInt(VERBS.length)]));
        for (int i = 0; i < 6 + r.nextInt(8); i++) s.append(' ').append(word(r));
        return s.append('.').toString();
    }

    private static String query(Random r) {
        StringBuilder q = new StringBuilder(VERBS[r.nextInt(VERBS.length)]);
        for (int i = 0; i < 1 + r.nextInt(3); i++) q.append(' ').append(word(r));
        return q.toString();
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) total += Files.size(f);
        return total;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String format(List<Double> ms) {
        return ms.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    System.err.println(name + ": '" + args[i + 1] + "' is not a whole number");
                    System.exit(2);
                }
            }
        }
        return fallback;
    }
}
