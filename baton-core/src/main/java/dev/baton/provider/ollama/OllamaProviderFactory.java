package dev.baton.provider.ollama;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderHttp;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.provider.SseReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@link OllamaChatModel}s (kind {@code ollama}); probes and discovers models with
 * {@code GET /api/tags}.
 */
public final class OllamaProviderFactory implements ProviderFactory {

    @Override
    public String kind() {
        return "ollama";
    }

    @Override
    public URI defaultBaseUrl() {
        return OllamaChatModel.DEFAULT_BASE_URL;
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new OllamaChatModel(settings, model, info, json);
    }

    /**
     * The base URL an {@code OLLAMA_HOST} value names, read the way the Ollama CLI reads it:
     * blank → {@code http://127.0.0.1:11434}; {@code host} → port 11434; {@code host:port};
     * {@code [v6addr]:port}; a full URL {@code scheme://host[:port][/path]} whose default port is
     * 80 for http and 443 for https. A path is kept. The wildcard addresses {@code 0.0.0.0} and
     * {@code ::} (a server's bind address) are replaced by the loopback address, since a client
     * cannot connect to them everywhere. An invalid port falls back to the default.
     */
    public static URI parseHost(String value) {
        String s = value == null ? "" : value.strip();
        String scheme = "http";
        String defaultPort = "11434";
        int sep = s.indexOf("://");
        if (sep >= 0) {
            scheme = s.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
            s = s.substring(sep + 3);
            if (scheme.equals("http")) defaultPort = "80";
            else if (scheme.equals("https")) defaultPort = "443";
        }
        String path = "";
        int slash = s.indexOf('/');
        if (slash >= 0) {
            path = s.substring(slash);
            s = s.substring(0, slash);
        }
        String host = s;
        String port = defaultPort;
        int close = s.lastIndexOf(']');
        int colon = s.lastIndexOf(':');
        boolean bracketed = s.startsWith("[") && close > 0;
        if (bracketed) {
            host = s.substring(1, close);
            if (colon > close) port = s.substring(colon + 1);
        } else if (colon >= 0 && colon == s.indexOf(':')) {
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("0.0.0.0")) host = "127.0.0.1";
        if (host.equals("::")) host = "::1";
        if (!validPort(port)) port = defaultPort;
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return URI.create(scheme + "://" + hostPart + ":" + port + path);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5) return false;
        for (int i = 0; i < port.length(); i++) if (!Character.isDigit(port.charAt(i))) return false;
        return Integer.parseInt(port) <= 65535;
    }

    /**
     * The names of the models the Ollama server has pulled ({@code GET /api/tags}), e.g.
     * {@code llama3.2:latest}. Fails with a {@link BatonException} when the server cannot be reached
     * or answers with an error.
     */
    public static List<String> listModels(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        ErrorContext context = ErrorContext.ofModel(settings.name(), null);
        URI uri = URI.create(OllamaChatModel.root(settings.baseUrl()) + "/api/tags");
        java.net.http.HttpResponse<byte[]> response;
        try (ProviderHttp http = new ProviderHttp(settings, json)) {
            response = http.send(http.get(uri, OllamaChatModel.authHeaders(settings), timeout), context);
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(context, "the model list", e);
        }
        List<String> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String name = m.path("name").asString(m.path("model").asString(""));
            if (!name.isEmpty()) models.add(name);
        }
        return models;
    }

    @Override
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        String where = OllamaChatModel.root(settings.baseUrl());
        try {
            List<String> models = listModels(settings, timeout, json);
            return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.REACHABLE,
                    where + ": " + models.size() + (models.size() == 1 ? " model" : " models") + " pulled", models);
        } catch (BatonException e) {
            ProviderStatus.State state = e.code() == ErrorCode.AUTHENTICATION || e.code() == ErrorCode.PERMISSION_DENIED
                    ? ProviderStatus.State.UNAUTHORIZED : ProviderStatus.State.UNREACHABLE;
            String detail = e.reason() == ErrorReason.CONNECTION
                    ? e.getMessage() + " (is `ollama serve` running? OLLAMA_HOST sets where)" : e.getMessage();
            return new ProviderStatus(settings.name(), kind(), state, detail, List.of());
        }
    }
}
