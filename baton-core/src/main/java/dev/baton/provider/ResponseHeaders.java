package dev.baton.provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The headers of a provider's HTTP answer, looked up by name without regard to case. Each HTTP
 * transport reads its own header store through this view, so no transport's types reach the
 * adapters or the error mapping.
 */
@FunctionalInterface
public interface ResponseHeaders {

    /** No headers at all. */
    ResponseHeaders NONE = name -> Optional.empty();

    /** The first value of the header {@code name}, if the answer has it. */
    Optional<String> firstValue(String name);

    /** A view of a plain map of header names to values (names matched without regard to case). */
    static ResponseHeaders of(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return name -> {
            List<String> values = byName.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        };
    }
}
