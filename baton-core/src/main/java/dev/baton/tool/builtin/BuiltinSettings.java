package dev.baton.tool.builtin;

import java.util.List;

/**
 * How the built-in tools are set up: whether {@code http_get} may fetch at all, from which hosts
 * (exact names or {@code *.example.com}) and how many bytes of a body it returns, and whether
 * {@code run_command} runs its command line through {@code sh -c} instead of as an argument vector.
 */
public record BuiltinSettings(boolean httpGetEnabled, List<String> httpAllowedHosts, int httpMaxBytes,
                              boolean runCommandShell) {

    /** The body cap of {@link #defaults()}: 1 MiB. */
    public static final int DEFAULT_HTTP_MAX_BYTES = 1 << 20;

    public BuiltinSettings {
        httpAllowedHosts = List.copyOf(httpAllowedHosts);
        if (httpMaxBytes <= 0) throw new IllegalArgumentException("http_get max bytes must be positive, got " + httpMaxBytes);
    }

    /** http_get off, no hosts, a 1 MiB cap; run_command without a shell. */
    public static BuiltinSettings defaults() {
        return new BuiltinSettings(false, List.of(), DEFAULT_HTTP_MAX_BYTES, false);
    }
}
