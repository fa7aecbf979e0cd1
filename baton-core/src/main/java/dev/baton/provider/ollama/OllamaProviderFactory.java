package dev.baton.provider.ollama;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@link OllamaChatModel}s (kind {@code ollama}), a local server whose calls are free. Reads
 * {@code OLLAMA_HOST} the way the Ollama CLI does; probes and discovers models with
 * {@code GET /api/tags}, so the automatic {@code default} profile can use a pulled model.
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
    public String baseUrlVariable() {
        return "OLLAMA_HOST";
    }

    /** Reads the value as Ollama does ({@link #parseHost}). */
    @Override
    public URI parseBaseUrl(String value) {
        return parseHost(value);
    }

    @Override
    public Hosting hosting() {
        return Hosting.LOCAL;
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new OllamaChatModel(settings, model, info, json);
    }

    @Override
    public dev.baton.llm.EmbeddingModel createEmbedding(ProviderSettings settings, String model, ModelInfo info,
                                                       ObjectMapper json) {
        return new OllamaEmbeddingModel(settings, model, info, json);
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

    @Override
    public ModelListing modelListing(ProviderSettings settings) {
        return new ModelListing(URI.create(OllamaChatModel.root(settings.baseUrl()) + "/api/tags"),
                OllamaChatModel.authHeaders(settings));
    }

    /** The names of the pulled models ({@code models[].name}, e.g. {@code llama3.2:latest}). */
    @Override
    public List<String> modelIds(JsonNode answer) {
        List<String> models = new ArrayList<>();
        for (JsonNode m : answer.path("models")) {
            String name = m.path("name").asString(m.path("model").asString(""));
            if (!name.isEmpty()) models.add(name);
        }
        return models;
    }

    @Override
    public String unreachableHint() {
        return "is `ollama serve` running? OLLAMA_HOST sets where";
    }
}
