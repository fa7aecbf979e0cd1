package dev.baton.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's added latency and throughput, side by side in one run: {@code wrk} sends the same
 * chat completion to an instant OpenAI-compatible upstream directly, through {@code bin/baton serve}
 * (an API key from {@code baton keys create} checked on every request, the whole pipeline, the SQLite ledger and the access log on) and through the
 * Portkey gateway ({@code @portkey-ai/gateway}, installed into {@code .peers/} on first use) in
 * front of the same upstream. Each round measures every target in turn: latency with one
 * connection (requests back to back; wrk's p50 and p99) and throughput with {@code --connections}.
 * Prints each round, then the medians over rounds and what each gateway adds to the direct figures.
 * {@code --baseline PATH} adds a second Baton ({@code base}: another checkout's launcher, in its
 * own scratch project and ledger) so a change is measured against its base in the same run.
 * {@code --variant NAME=OPTS} (repeatable) adds a Baton of the same launcher whose {@code serve}
 * runs with the JVM options OPTS (e.g. {@code baton-own=-Dbaton.http.client=baton}).
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.GatewayHarness [--seconds 10] [--rounds 3]
 *     [--connections 32] [--threads 2] [--no-portkey] [--launcher bin/baton] [--baseline /path/to/base/bin/baton]
 *     [--variant NAME=OPTS]... [--jfr DIR] [--profile DIR] [--upstream node|java] [--floor]</pre>
 * {@code --jfr DIR} records a JFR profile ({@code settings=profile}) of each {@code serve} process into DIR.
 * {@code --profile DIR} attaches async-profiler ({@link CpuProfiler}) to every JVM target after the
 * first round and writes each one's CPU samples of the later rounds to {@code DIR/NAME.collapsed};
 * the sampler's own cost is in that run's figures.
 * {@code --upstream java} answers from {@link InstantHttpServer} in this JVM instead of the Node server
 * ({@code openai-upstream.mjs}): on loopback the upstream's CPU comes out of the same two cores as the
 * gateway's, and the Java server spends about a third of Node's per request.
 * {@code --floor} adds {@link JettyForwarder} ({@code floor}): Jetty as {@code serve} sets it up, in
 * its own JVM with {@code serve}'s heap and collector, forwarding each request to the same upstream
 * and doing nothing else, so what the HTTP server and the upstream hop cost alone is measured beside
 * what Baton adds to them.
 * Run from the repository root; needs {@code wrk} (Debian package) and Node.js.
 */
public final class GatewayHarness {

    static final String PORTKEY_VERSION = "1.15.2";
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private GatewayHarness() {
    }

    /** One thing wrk drives; {@code process} is the gateway whose CPU per request is reported (null: none). */
    record Target(String name, String url, Map<String, String> headers, String model, Process process) {
        Target(String name, String url, Map<String, String> headers, String model) {
            this(name, url, headers, model, null);
        }

        /** The gateway process's CPU time so far, in microseconds (0 without a process). */
        long cpuMicros() {
            if (process == null) return 0;
            return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1000).orElse(0L);
        }
    }

    /** {@code cpuUsPerRequest}: the gateway's CPU per request in the throughput run (NaN without a process). */
    record Figures(double p50Ms, double p99Ms, double rps, long requests, long errors, double cpuUsPerRequest) {
        Figures(double p50Ms, double p99Ms, double rps, long requests, long errors) {
            this(p50Ms, p99Ms, rps, requests, errors, Double.NaN);
        }
    }

    /** The instant upstream every target answers from: {@code baseUri} is where a profile's {@code base_url} points. */
    record Upstream(URI baseUri, AutoCloseable server) implements AutoCloseable {
        static Upstream start(String kind) throws IOException {
            return switch (kind) {
                case "node" -> {
                    NodeOpenAiUpstream node = new NodeOpenAiUpstream(0);
                    yield new Upstream(node.baseUri(), node);
                }
                case "java" -> {
                    InstantHttpServer java = new InstantHttpServer("application/json", """
                            {"id":"bench","object":"chat.completion","created":1,"model":"bench-model","choices":[{"index":0,\
                            "message":{"role":"assistant","content":"Looks good; two nits."},"finish_reason":"stop"}],\
                            "usage":{"prompt_tokens":40,"completion_tokens":8,"total_tokens":48}}""");
                    yield new Upstream(URI.create(java.baseUri() + "/v1"), java);
                }
                default -> throw new IllegalArgumentException("--upstream node|java, not " + kind);
            };
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    /** JVM options for the gateways' {@code serve} processes only ({@code --jfr}: a profile of each), or null. */
    private static String serverJavaOpts;

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int rounds = 3;
        int connections = 32;
        int threads = 2;
        boolean portkey = true;
        boolean floor = false;
        String launcher = "bin/baton";
        String baseline = null;
        String jfr = null;
        String profile = null;
        String upstreamKind = "node";
        Map<String, String> variants = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--no-portkey" -> portkey = false;
                case "--floor" -> floor = true;
                case "--launcher" -> launcher = args[++i];
                case "--baseline" -> baseline = args[++i];
                case "--jfr" -> jfr = args[++i];
                case "--profile" -> profile = args[++i];
                case "--upstream" -> upstreamKind = args[++i];
                case "--variant" -> {
                    String v = args[++i];
                    int eq = v.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--variant NAME=OPTS, not " + v);
                    variants.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: --seconds N --rounds N "
                        + "--connections N --threads N --no-portkey --launcher PATH --baseline PATH --variant NAME=OPTS --jfr DIR --profile DIR --upstream node|java --floor)");
            }
        }
        if (profile != null && rounds < 2) {
            throw new IllegalArgumentException("--profile samples rounds 2 and later (round 1 warms up): give --rounds 2 or more");
        }
        if (jfr != null) Files.createDirectories(Path.of(jfr));
        serverJavaOpts = jfr == null ? null : "-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(jfr).toAbsolutePath() + "/serve-%p.jfr -Xlog:jfr+startup=warning";
        Path scratch = Files.createTempDirectory("baton-gateway-bench-");
        try (Upstream upstream = Upstream.start(upstreamKind);
             Served base = baseline == null ? null
                     : startBaton(Path.of(baseline).toAbsolutePath(), scratch.resolve("base"), upstream.baseUri(), null);
             Served baton = startBaton(Path.of(launcher).toAbsolutePath(), scratch.resolve("baton"), upstream.baseUri(), null);
             Variants extra = new Variants();
             Served forwarder = floor ? startForwarder(upstream.baseUri()) : null;
             Served pk = portkey ? startPortkey(scratch) : null) {
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("direct", upstream.baseUri() + "/chat/completions",
                    Map.of("Authorization", "Bearer sk-bench"), "bench-model"));
            if (base != null) {
                targets.add(new Target("base", base.url() + "/v1/chat/completions",
                        Map.of("Authorization", "Bearer " + Files.readString(scratch.resolve("base/key"))), "up", base.process()));
            }
            targets.add(new Target("baton", baton.url() + "/v1/chat/completions",
                    Map.of("Authorization", "Bearer " + Files.readString(scratch.resolve("baton/key"))), "up", baton.process()));
            for (var v : variants.entrySet()) {
                Served s = extra.add(startBaton(Path.of(launcher).toAbsolutePath(), scratch.resolve(v.getKey()),
                        upstream.baseUri(), v.getValue()));
                targets.add(new Target(v.getKey(), s.url() + "/v1/chat/completions",
                        Map.of("Authorization", "Bearer " + Files.readString(scratch.resolve(v.getKey() + "/key"))), "up",
                        s.process()));
            }
            if (forwarder != null) {
                targets.add(new Target("floor", forwarder.url(), Map.of(), "up", forwarder.process()));
            }
            if (pk != null) {
                targets.add(new Target("portkey", pk.url() + "/v1/chat/completions", Map.of("Authorization", "Bearer sk-bench",
                        "x-portkey-provider", "openai", "x-portkey-custom-host", upstream.baseUri().toString()), "bench-model",
                        pk.process()));
            }
            for (Target t : targets) check(t);
            System.out.printf(Locale.ROOT, "wrk: latency with 1 connection, throughput with %d connections on %d threads, "
                    + "%d s each, %d round(s); load average at start %s%n", connections, threads, seconds, rounds, loadAverage());
            Map<String, List<Figures>> all = new LinkedHashMap<>();
            CpuProfiler profiler = profile == null ? null : CpuProfiler.in(Path.of(profile));
            List<Target> profiled = targets.stream().filter(t -> t.process() != null && !t.name().equals("portkey")).toList();
            for (int r = 1; r <= rounds; r++) {
                if (profiler != null && r == 2) {
                    for (Target t : profiled) profiler.start(t.process().pid());
                }
                for (Target t : targets) {
                    Figures latency = wrk(t, 1, 1, seconds, scratch);
                    long cpu0 = t.cpuMicros();
                    Figures load = wrk(t, threads, connections, seconds, scratch);
                    double cpu = t.process() == null ? Double.NaN : (t.cpuMicros() - cpu0) / (double) Math.max(1, load.requests());
                    Figures f = new Figures(latency.p50Ms(), latency.p99Ms(), load.rps(), latency.requests() + load.requests(),
                            latency.errors() + load.errors(), cpu);
                    all.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(f);
                    System.out.printf(Locale.ROOT, "round %d %-8s p50 %.3f ms  p99 %.3f ms  %,.0f req/s  %s(%d requests, %d non-2xx)%n",
                            r, t.name(), f.p50Ms(), f.p99Ms(), f.rps(), cpuText(cpu), f.requests(), f.errors());
                }
            }
            report(all);
            if (profiler != null) {
                for (Target t : profiled) {
                    Path out = Path.of(profile, t.name() + ".collapsed").toAbsolutePath();
                    profiler.stop(t.process().pid(), out);
                    System.out.println("CPU samples of " + t.name() + ", rounds 2-" + rounds + ": " + out);
                }
            }
            baton.stop();
            System.out.println("baton ledger: " + ledgerCalls(Path.of(launcher).toAbsolutePath(), scratch.resolve("baton"))
                    + " calls recorded; baton requests sent: " + all.get("baton").stream().mapToLong(Figures::requests).sum()
                    + " (+1 check)");
            if (base != null) {
                base.stop();
                System.out.println("base ledger: " + ledgerCalls(Path.of(baseline).toAbsolutePath(), scratch.resolve("base"))
                        + " calls recorded; base requests sent: " + all.get("base").stream().mapToLong(Figures::requests).sum()
                        + " (+1 check)");
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void report(Map<String, List<Figures>> all) {
        Figures direct = median(all.get("direct"));
        System.out.println("median over rounds:");
        for (var e : all.entrySet()) {
            Figures m = median(e.getValue());
            String added = e.getKey().equals("direct") ? "" : String.format(Locale.ROOT,
                    "  added: p50 +%.3f ms, p99 +%.3f ms; throughput %.0f%% of direct", m.p50Ms() - direct.p50Ms(),
                    m.p99Ms() - direct.p99Ms(), 100 * m.rps() / direct.rps());
            System.out.printf(Locale.ROOT, "  %-8s p50 %.3f ms  p99 %.3f ms  %,.0f req/s  %s%s%n", e.getKey(), m.p50Ms(), m.p99Ms(),
                    m.rps(), cpuText(m.cpuUsPerRequest()), added);
        }
    }

    private static Figures median(List<Figures> f) {
        return new Figures(Stats.median(f.stream().map(Figures::p50Ms).toList()), Stats.median(f.stream().map(Figures::p99Ms).toList()),
                Stats.median(f.stream().map(Figures::rps).toList()), 0, 0,
                Stats.median(f.stream().map(Figures::cpuUsPerRequest).toList()));
    }

    /** The gateway's CPU per request under load: on a shared machine it moves less than its latency or throughput. */
    private static String cpuText(double cpuUsPerRequest) {
        return Double.isNaN(cpuUsPerRequest) ? "" : String.format(Locale.ROOT, "%.0f µs CPU/req  ", cpuUsPerRequest);
    }

    /** One request by Java's client first, so a target that cannot answer fails the run with its reason. */
    private static void check(Target t) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(t.model())));
        t.headers().forEach(b::header);
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("Looks good")) {
            throw new IllegalStateException(t.name() + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Review this change in one sentence.\"}]}";
    }

    private static Figures wrk(Target t, int threads, int connections, int seconds, Path scratch) throws IOException, InterruptedException {
        Path script = scratch.resolve("wrk-" + t.name() + ".lua");
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.body = '" + body(t.model()) + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        t.headers().forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        Files.writeString(script, lua);
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), t.url()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("wrk failed: " + out);
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if (m.group(1).equals("50")) p50 = v;
            else p99 = v;
        }
        Matcher rps = RPS.matcher(out);
        Matcher errors = NON_2XX.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rps.find() || !requests.find()) throw new IllegalStateException("cannot read wrk's output: " + out);
        return new Figures(p50, p99, Double.parseDouble(rps.group(1)), Long.parseLong(requests.group(1)),
                errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    /** A server process and its base URL. */
    record Served(Process process, String url) implements AutoCloseable {
        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: Baton stops gracefully and flushes its ledger
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) stop();
        }
    }

    /** The {@code --variant} gateways, stopped together. */
    private static final class Variants implements AutoCloseable {
        private final List<Served> started = new ArrayList<>();

        Served add(Served s) {
            started.add(s);
            return s;
        }

        @Override
        public void close() throws InterruptedException {
            for (Served s : started) s.close();
        }
    }

    /** {@link JettyForwarder} in its own JVM, with the heap and collector {@code bin/baton serve} starts with (and {@code --jfr}'s recording). */
    private static Served startForwarder(URI upstream) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss512k", "-Xms256m", "-Xmn128m"));
        if (serverJavaOpts != null) command.addAll(List.of(serverJavaOpts.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JettyForwarder.class.getName(),
                upstream + "/chat/completions"));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("forwarding ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the Jetty forwarder did not start: " + line);
        }
        return new Served(p, line.substring("forwarding ".length()) + "/v1/chat/completions");
    }

    /** {@code javaOpts}: JVM options of this {@code serve} (with {@code --jfr}'s), or null. */
    private static Served startBaton(Path launcher, Path scratch, URI upstream, String javaOpts)
            throws IOException, InterruptedException {
        Path project = scratch.resolve("project");
        Files.createDirectories(project.resolve(".baton"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                default_profile: up
                providers:
                  loopback:
                    kind: openai
                    base_url: %s
                    api_key: sk-bench
                profiles:
                  up:
                    provider: loopback
                    model: bench-model
                    prices: {input: 0.15, output: 0.60}
                server:
                  max_concurrent_per_key: 4096
                """.formatted(upstream));
        // a real API key of the key store, as a deployment would use (hashed, looked up per request)
        ProcessBuilder keys = new ProcessBuilder(launcher.toString(), "keys", "create", "--name", "bench")
                .directory(project.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        env(keys, scratch);
        Process k = keys.start();
        String secret = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (k.waitFor() != 0 || secret.isEmpty()) throw new IllegalStateException("baton keys create failed");
        Files.writeString(scratch.resolve("key"), secret);
        Path log = scratch.resolve("baton-serve.log");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "serve", "--port", "0", "--no-mcp")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        env(pb, scratch);
        String opts = serverJavaOpts == null ? javaOpts : javaOpts == null ? serverJavaOpts : serverJavaOpts + " " + javaOpts;
        if (opts != null) pb.environment().put("BATON_JAVA_OPTS", opts);
        Process p = pb.start();
        Pattern url = Pattern.compile("serving (http://\\S+?)[;\\s]");
        Instant until = Instant.now().plusSeconds(180); // a first run builds the jar
        while (Instant.now().isBefore(until)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = url.matcher(text);
            if (m.find()) return new Served(p, m.group(1));
            if (!p.isAlive()) throw new IllegalStateException("baton serve exited: " + text);
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("baton serve did not start in time: " + Files.readString(log));
    }

    private static void env(ProcessBuilder pb, Path scratch) {
        Map<String, String> env = pb.environment();
        env.put("HOME", scratch.resolve("home").toString());
        env.put("BATON_CONFIG_HOME", scratch.resolve("home/.config/baton").toString());
        env.put("BATON_DATA_HOME", scratch.resolve("home/.local/share/baton").toString());
    }

    private static long ledgerCalls(Path launcher, Path scratch) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "stats", "-o", "json").directory(scratch.resolve("project").toFile());
        env(pb, scratch);
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("\"calls\"\\s*:\\s*(\\d+)").matcher(out);
        long calls = 0;
        while (m.find()) calls += Long.parseLong(m.group(1));
        return calls;
    }

    private static Served startPortkey(Path scratch) throws IOException, InterruptedException {
        Path peers = Path.of(".peers").toAbsolutePath();
        Path start = peers.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!Files.isRegularFile(start)) {
            System.out.println("installing @portkey-ai/gateway@" + PORTKEY_VERSION + " into .peers/ ...");
            Files.createDirectories(peers);
            Process npm = new ProcessBuilder("npm", "install", "--prefix", peers.toString(), "--no-audit", "--no-fund",
                    "@portkey-ai/gateway@" + PORTKEY_VERSION).inheritIO().start();
            if (npm.waitFor() != 0 || !Files.isRegularFile(start)) throw new IllegalStateException("npm could not install the Portkey gateway");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("node", start.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("portkey.log").toFile()).start();
        String url = "http://127.0.0.1:" + port;
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            try (var c = new java.net.Socket("127.0.0.1", port)) {
                return new Served(p, url);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the Portkey gateway did not start: " + Files.readString(scratch.resolve("portkey.log")));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
