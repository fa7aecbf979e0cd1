package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code tools:} section of {@code config.yaml} as written: permission mode, allow and deny
 * patterns, the workspace, the per-call time limit and output cap, how long a call waits for a
 * person's approval over HTTP ({@code approval_timeout}), and the settings of the
 * built-in tools that reach further ({@code http_get}, {@code run_command}). Values are checked
 * as they are read ({@link ToolConfigParser}), so a bad one is reported with its file and line;
 * {@link ToolConfigParser#settings} turns the section into {@link ToolSettings}.
 */
public record ToolsConfig(
        String mode,
        List<String> allow,
        List<String> deny,
        String workspace,
        @JsonProperty("time_limit") String timeLimit,
        @JsonProperty("output_cap") String outputCap,
        @JsonProperty("http_get") HttpGetConfig httpGet,
        @JsonProperty("run_command") RunCommandConfig runCommand,
        @JsonProperty("approval_timeout") String approvalTimeout) {

    public ToolsConfig {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        if (mode != null) ToolConfigParser.mode(mode);
        if (timeLimit != null) ToolConfigParser.duration("time_limit", timeLimit);
        if (outputCap != null) ToolConfigParser.size("output_cap", outputCap);
        if (approvalTimeout != null) ToolConfigParser.duration("approval_timeout", approvalTimeout);
        ToolConfigParser.patterns("allow", allow);
        ToolConfigParser.patterns("deny", deny);
    }

    /** {@code tools.http_get}: off unless enabled; which hosts it may reach; the most bytes it reads. */
    public record HttpGetConfig(Boolean enabled, @JsonProperty("allow_hosts") List<String> allowHosts,
                                @JsonProperty("max_bytes") String maxBytes) {
        public HttpGetConfig {
            allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
            if (maxBytes != null) ToolConfigParser.size("max_bytes", maxBytes);
        }
    }

    /** {@code tools.run_command}: whether commands run through {@code sh -c}. */
    public record RunCommandConfig(Boolean shell) {
    }
}
