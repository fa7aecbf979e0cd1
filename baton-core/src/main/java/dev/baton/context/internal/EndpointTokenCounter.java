package dev.baton.context.internal;

import dev.baton.context.TokenCount;
import dev.baton.context.TokenCounter;
import dev.baton.llm.Message;
import dev.baton.provider.ProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Counts with a provider's token-count endpoint when the call is worth it: a request whose
 * estimate is below {@code minTokens} keeps the estimate (a round trip to save a few tokens of
 * error is not worth it), as does any count the endpoint cannot give (no answer, an error
 * status, an unreadable body), so counting never fails a call. The key travels in a header and is
 * never logged. Subclasses say where to send what and how to read the answer.
 */
abstract class EndpointTokenCounter implements TokenCounter {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointTokenCounter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    protected final ProviderSettings provider;
    protected final String model;
    protected final ObjectMapper json;
    private final HttpClient http;
    private final long minTokens;

    EndpointTokenCounter(ProviderSettings provider, String model, ObjectMapper json, HttpClient http, long minTokens) {
        this.provider = provider;
        this.model = model;
        this.json = json;
        this.http = http;
        this.minTokens = minTokens;
    }

    /** Where the count request goes. */
    abstract URI endpoint();

    /** The headers of the count request, credential included. */
    abstract Map<String, String> headers();

    /** The body of the count request for {@code messages}. */
    abstract String body(List<Message> messages);

    /** The count in the endpoint's answer, or -1 when it has none. */
    abstract long tokensIn(JsonNode answer);

    /** The method name the counts are labelled with. */
    abstract String method();

    @Override
    public final TokenCount count(List<Message> messages) {
        TokenCount estimate = EstimatedTokenCounter.INSTANCE.count(messages);
        if (estimate.tokens() < minTokens) return estimate;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(TIMEOUT)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(messages), StandardCharsets.UTF_8));
            headers().forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                LOG.debug("{} answered HTTP {}; using the estimate", method(), r.statusCode());
                return estimate;
            }
            long tokens = tokensIn(json.readTree(r.body()));
            return tokens < 0 ? estimate : new TokenCount(tokens, true, method());
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} failed ({}); using the estimate", method(), provider.scrub(String.valueOf(e.getMessage())));
            return estimate;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return estimate;
        }
    }
}
