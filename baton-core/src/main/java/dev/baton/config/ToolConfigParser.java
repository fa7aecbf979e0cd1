package dev.baton.config;

import dev.baton.tool.ToolPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of {@code tools:}: modes ({@code manual}, {@code trust}), durations
 * ({@code 30s}, {@code 500ms}, {@code 2m}, or a bare number of seconds), sizes ({@code 65536},
 * {@code 64KiB}, {@code 1MiB}, {@code 100KB}; KiB/MiB are powers of 1024, KB/MB of 1000) and
 * tool-name patterns. A bad value is an {@link IllegalArgumentException} naming the field, which
 * the loader reports with the file and line.
 */
public final class ToolConfigParser {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|k|m)?");
    private static final Pattern TOOL_PATTERN = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");
    private static final long MAX_SIZE = Integer.MAX_VALUE;

    private ToolConfigParser() {
    }

    /** The settings {@code config} gives, defaults filled in; a relative workspace is resolved against {@code projectRoot}. */
    public static ToolSettings settings(ToolsConfig config, Path projectRoot) {
        ToolSettings d = ToolSettings.defaults(projectRoot);
        if (config == null) return d;
        ToolPolicy policy = new ToolPolicy(config.mode() == null ? ToolPolicy.Mode.MANUAL : mode(config.mode()),
                config.allow(), config.deny());
        Path workspace = config.workspace() == null || config.workspace().isBlank() ? d.workspace()
                : projectRoot.toAbsolutePath().resolve(config.workspace()).normalize();
        Duration limit = config.timeLimit() == null ? d.timeLimit() : duration("time_limit", config.timeLimit());
        int cap = config.outputCap() == null ? d.outputCapBytes() : size("output_cap", config.outputCap());
        ToolsConfig.HttpGetConfig h = config.httpGet();
        ToolSettings.HttpGet http = h == null ? d.httpGet() : new ToolSettings.HttpGet(Boolean.TRUE.equals(h.enabled()),
                h.allowHosts(), h.maxBytes() == null ? ToolSettings.DEFAULT_HTTP_MAX_BYTES : size("max_bytes", h.maxBytes()));
        boolean shell = config.runCommand() != null && Boolean.TRUE.equals(config.runCommand().shell());
        Duration approval = config.approvalTimeout() == null ? d.approvalTimeout()
                : duration("approval_timeout", config.approvalTimeout());
        return new ToolSettings(policy, workspace, limit, cap, http, shell, approval);
    }

    /** {@code manual} or {@code trust}, any case. */
    public static ToolPolicy.Mode mode(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "manual" -> ToolPolicy.Mode.MANUAL;
            case "trust" -> ToolPolicy.Mode.TRUST;
            default -> throw new IllegalArgumentException("mode: expected manual or trust, got '" + text + "'");
        };
    }

    /** A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a number of seconds. */
    public static Duration duration(String field, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": expected a duration like 30s, 500ms or 2m, got '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        if (millis < 1) throw new IllegalArgumentException(field + ": must be at least 1ms, got '" + text + "'");
        return Duration.ofMillis((long) millis);
    }

    /** A positive size in bytes: {@code 65536}, {@code 64KiB}, {@code 1MiB}, {@code 100KB}. */
    public static int size(String field, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": expected a size like 65536, 64KiB or 1MiB, got '" + text + "'");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is too large");
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "kib", "k" -> 1_024L;
            case "mib", "m" -> 1_024L * 1_024;
            default -> 1L;
        };
        if (n <= 0) throw new IllegalArgumentException(field + ": must be more than 0 bytes, got '" + text + "'");
        if (n > MAX_SIZE / unit) throw new IllegalArgumentException(field + ": at most 2 GiB, got '" + text + "'");
        return (int) (n * unit);
    }

    /** Checks each tool-name pattern: letters, digits, {@code _ . -} and the wildcards {@code * ?}. */
    static void patterns(String field, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (p == null || !TOOL_PATTERN.matcher(p).matches()) {
                throw new IllegalArgumentException(field + "[" + i + "]: '" + p
                        + "' is not a tool name or glob (letters, digits, _ . - and the wildcards * ?)");
            }
        }
    }
}
