package dev.baton.server.console;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton serve} serves the console from its jar: types, caching, CSP, the redirect, and nothing outside the folder. */
class ConsoleAssetsTest {

    @TempDir
    static Path dir;
    static Baton baton;
    static BatonServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("project/.baton"));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).database(dir.resolve("baton.db")).build();
        // authentication on, as by default: the assets need no key, the API still does
        BatonServer.Builder b = BatonServer.builder(baton, ServerOptions.defaults().withPort(0).withMcp(false).withToken("s3cret-token"))
                .accessLog(null);
        ServerModules.standard(baton).forEach(b::module);
        server = b.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        baton.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) r.headers(headers);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void given_the_servers_address_when_opened_then_it_redirects_to_the_console() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(302);
        assertThat(get("/").headers().firstValue("Location")).contains("/console/");
        assertThat(get("/console").headers().firstValue("Location")).contains("/console/");
    }

    @Test
    void given_no_key_when_the_page_is_loaded_then_it_is_served_with_a_self_only_csp_and_revalidated() throws Exception {
        HttpResponse<String> page = get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "style-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("http://", "https://");
        assertThat(get("/api/v1/runs").statusCode()).as("the API still needs a key").isEqualTo(401);
    }

    @Test
    void given_an_etag_when_the_file_is_unchanged_then_the_answer_is_304() throws Exception {
        HttpResponse<String> first = get("/console/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/console/app.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void given_the_libraries_taken_at_build_time_then_each_is_served_from_the_jar_as_a_module_and_cached() throws Exception {
        for (String lib : new String[]{"cytoscape/cytoscape.esm.min.mjs", "cytoscape-dagre/cytoscape-dagre.min.mjs",
                "echarts/echarts.esm.min.js", "marked/marked.esm.js", "dompurify/purify.es.mjs"}) {
            HttpResponse<String> r = get("/console/vendor/" + lib);
            assertThat(r.statusCode()).as(lib).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(lib).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            assertThat(r.headers().firstValue("Cache-Control")).as(lib).contains("public, max-age=3600");
            assertThat(r.body()).as(lib).contains("export");
        }
    }

    @Test
    void given_a_path_outside_the_console_folder_then_it_is_404() throws Exception {
        assertThat(get("/console/%2e%2e/%2e%2e/ConsoleModule.class").statusCode()).isIn(400, 404);
        assertThat(get("/console/internal/ConsoleAssets.class").statusCode()).isEqualTo(404);
        assertThat(get("/console/no-such.js").statusCode()).isEqualTo(404);
        assertThat(get("/not-the-console").statusCode()).as("/ redirects only itself").isIn(401, 404);
    }
}
