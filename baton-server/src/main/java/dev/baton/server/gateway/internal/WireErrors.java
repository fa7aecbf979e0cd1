package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Exchange;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * What the gateway's routes share around a call: reading the JSON body, and answering a failure
 * with the taxonomy's HTTP status ({@code Retry-After} when it carries one) and the wire format's
 * own error document. An unexpected failure is logged and answered 500 without its details.
 */
final class WireErrors {

    private static final System.Logger LOG = System.getLogger("dev.baton.server.gateway");

    private WireErrors() {
    }

    /** The whole request body; a body that cannot be read (over the size limit) is an {@link InvalidField} naming it. */
    static byte[] bytes(Exchange req) {
        try (var in = req.body()) {
            // grown from 1 KiB: readAllBytes starts every body with a 16 KiB buffer, and most bodies are small
            byte[] buf = new byte[1024];
            int n = 0;
            for (int read; (read = in.read(buf, n, buf.length - n)) != -1; ) {
                n += read;
                if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
            }
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            // worded as when the body was read by the JSON parser, which met the failure first
            throw new InvalidField("body", "is not valid JSON: " + JacksonIOException.construct(e).getOriginalMessage());
        }
    }

    /** {@code body} read as a JSON tree; an empty body or bad JSON is an {@link InvalidField} naming it. */
    static JsonNode tree(byte[] body, ObjectMapper json) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) throw new InvalidField("body", "is empty; send a JSON object");
            return tree;
        } catch (JacksonException e) {
            throw new InvalidField("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Answers {@code e} unless the response is already committed. */
    static void write(Exchange res, ObjectMapper json, BatonException e,
                      BiConsumer<JsonGenerator, BatonException> document) throws IOException {
        write(res, json, e.code().httpStatus(), e, document);
    }

    private static void write(Exchange res, ObjectMapper json, int status, BatonException e,
                              BiConsumer<JsonGenerator, BatonException> document) throws IOException {
        if (res.committed()) return;
        res.resetBuffer();
        res.status(status);
        dev.baton.server.ApiErrors.headers(res, e);
        res.contentType("application/json");
        try (JsonGenerator g = json.createGenerator(res.output())) {
            document.accept(g, e);
        }
    }

    /** Answers an unexpected failure: logged here, 500 to the client without its details. */
    static void unexpected(Exchange res, ObjectMapper json, RuntimeException e,
                           BiConsumer<JsonGenerator, BatonException> document) throws IOException {
        LOG.log(System.Logger.Level.ERROR, "gateway request failed unexpectedly", e);
        write(res, json, 500, new BatonException(ErrorCode.PROVIDER_ERROR, "internal error in the gateway (see the server log)"), document);
    }
}
