package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3, RFC 9728 §5.1):
 * the {@code error}, the {@code scope} the server wants, and where its protected resource
 * metadata is. Absent parameters are null; a header without a Bearer challenge gives all nulls.
 */
public record BearerChallenge(@Nullable String error, @Nullable String scope, @Nullable URI resourceMetadata) {

    /** Whether the server refused the token for lacking scope (the step-up case of a 403). */
    public boolean insufficientScope() {
        return "insufficient_scope".equals(error);
    }

    /** The Bearer challenge among {@code headers} (each one WWW-Authenticate value). */
    public static BearerChallenge parse(List<String> headers) {
        for (String header : headers) {
            Map<String, String> params = bearerParams(header);
            if (params != null) {
                URI metadata = null;
                String where = params.get("resource_metadata");
                if (where != null) {
                    try {
                        metadata = URI.create(where);
                    } catch (IllegalArgumentException e) {
                        // an unusable hint: discovery falls back to the well-known locations
                    }
                }
                return new BearerChallenge(params.get("error"), params.get("scope"), metadata);
            }
        }
        return new BearerChallenge(null, null, null);
    }

    /** The auth-params of the Bearer challenge in {@code header}, or null when it has none. */
    private static @Nullable Map<String, String> bearerParams(String header) {
        int at = indexOfScheme(header);
        if (at < 0) return null;
        Map<String, String> params = new HashMap<>();
        int i = at + "bearer".length();
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) i++;
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ' ' && header.charAt(i) != ',') i++;
            String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && header.charAt(i) == ' ') i++;
            if (i >= n || header.charAt(i) != '=') {
                // a bare token: the next challenge's scheme; this one ends here
                if (!name.isEmpty() && !params.isEmpty()) break;
                continue;
            }
            i++;
            while (i < n && header.charAt(i) == ' ') i++;
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < n) i++;
                    value.append(header.charAt(i++));
                }
                i++;
            } else {
                while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') value.append(header.charAt(i++));
            }
            params.putIfAbsent(name, value.toString());
        }
        return params;
    }

    private static int indexOfScheme(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf("bearer", from);
            if (at < 0) return -1;
            boolean startsWord = at == 0 || lower.charAt(at - 1) == ' ' || lower.charAt(at - 1) == ',';
            boolean endsWord = at + 6 == lower.length() || lower.charAt(at + 6) == ' ';
            if (startsWord && endsWord) return at;
            from = at + 6;
        }
    }
}
