package dev.baton.config;

import dev.baton.tool.ToolPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The tool settings in effect, defaults applied: the permission policy (configuration's layer),
 * the workspace root (absolute), the longest a call may run, the most bytes of output it may
 * return, the built-in tools' own settings, and how long a call waits for a person's approval
 * where approvals are parked ({@link dev.baton.tool.ToolApprovals}, the HTTP API).
 */
public record ToolSettings(ToolPolicy policy, Path workspace, Duration timeLimit, int outputCapBytes,
                           HttpGet httpGet, boolean runCommandShell, Duration approvalTimeout) {

    /** Default per-call time limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);
    /** Default output cap: 64 KiB. */
    public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;
    /** Default {@code http_get.max_bytes}: 1 MiB. */
    public static final int DEFAULT_HTTP_MAX_BYTES = 1024 * 1024;

    public ToolSettings {
        if (!workspace.isAbsolute()) throw new IllegalArgumentException("the workspace must be an absolute path: " + workspace);
    }

    /** The defaults for a project rooted at {@code projectRoot}. */
    public static ToolSettings defaults(Path projectRoot) {
        return new ToolSettings(ToolPolicy.DEFAULT, projectRoot.toAbsolutePath().normalize(), DEFAULT_TIME_LIMIT,
                DEFAULT_OUTPUT_CAP, new HttpGet(false, List.of(), DEFAULT_HTTP_MAX_BYTES), false,
                dev.baton.tool.ToolApprovals.DEFAULT_TIMEOUT);
    }

    /** {@code http_get}: whether it is enabled, the hosts it may reach (names or globs), its size cap. */
    public record HttpGet(boolean enabled, List<String> allowHosts, int maxBytes) {
        public HttpGet {
            allowHosts = List.copyOf(allowHosts);
        }
    }
}
