package dev.baton.coordinator;

import dev.baton.config.CoordinatorConfig;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator's settings with every default filled in: the planner's profile, temperature and
 * token limit, the profiles of the internal tools and of the architect, where prompt templates
 * are overridden, the response format, the request defaults (time and cost), how long the job
 * manager waits for one job, how many jobs run at once, and the tools added by configuration.
 */
public record CoordinatorSettings(String plannerProfile, String toolProfile, String expertProfile, double temperature,
                                  int maxTokens, Path promptsDir, String responseFormat, Duration maxExecutionTime,
                                  BigDecimal maxCostUsd, Duration jobWaitTimeout, int maxParallelJobs,
                                  List<String> extraTools) {

    public static final String DEFAULT_PROFILE = "default";

    public CoordinatorSettings {
        extraTools = List.copyOf(extraTools);
        if (maxParallelJobs < 1 || maxParallelJobs > 10) {
            throw new IllegalArgumentException("max_parallel_jobs: must be 1 to 10, got " + maxParallelJobs);
        }
    }

    /** The settings {@code config} gives (null: all defaults); relative paths resolve against {@code projectRoot}. */
    public static CoordinatorSettings of(@Nullable CoordinatorConfig config, Path projectRoot) {
        CoordinatorConfig c = config != null ? config
                : new CoordinatorConfig(null, null, null, null, null, null, null, null, null, null, null, null);
        String planner = c.profile() == null || c.profile().isBlank() ? DEFAULT_PROFILE : c.profile();
        String tools = c.toolProfile() == null || c.toolProfile().isBlank() ? planner : c.toolProfile();
        String expert = c.expertProfile() == null || c.expertProfile().isBlank() ? planner : c.expertProfile();
        Path prompts = projectRoot.toAbsolutePath().resolve(c.promptsDir() == null ? ".baton/prompts" : c.promptsDir()).normalize();
        return new CoordinatorSettings(planner, tools, expert,
                c.temperature() == null ? 0.0 : c.temperature(),
                c.maxTokens() == null ? 4096 : c.maxTokens(),
                prompts,
                c.responseFormat() == null ? "json" : CoordinatorConfig.responseFormat(c.responseFormat()),
                c.maxExecutionTime() == null ? Duration.ofSeconds(30) : CoordinatorConfig.executionTime("max_execution_time", c.maxExecutionTime()),
                c.maxCostUsd() == null ? new BigDecimal("1.00") : BigDecimal.valueOf(c.maxCostUsd()),
                c.jobWaitTimeout() == null ? Duration.ofSeconds(60) : CoordinatorConfig.seconds("job_wait_timeout", c.jobWaitTimeout(), 10, 300),
                c.maxParallelJobs() == null ? 5 : c.maxParallelJobs(),
                c.tools());
    }

    /** These settings with {@code n} jobs at once (1–10). */
    public CoordinatorSettings withMaxParallelJobs(int n) {
        return new CoordinatorSettings(plannerProfile, toolProfile, expertProfile, temperature, maxTokens, promptsDir,
                responseFormat, maxExecutionTime, maxCostUsd, jobWaitTimeout, n, extraTools);
    }

    /** These settings with {@code profile} for the planner, the internal tools and the architect. */
    public CoordinatorSettings withProfile(String profile) {
        return new CoordinatorSettings(profile, profile, profile, temperature, maxTokens, promptsDir,
                responseFormat, maxExecutionTime, maxCostUsd, jobWaitTimeout, maxParallelJobs, extraTools);
    }

    /** These settings with the job wait timeout {@code d}. */
    public CoordinatorSettings withJobWaitTimeout(Duration d) {
        return new CoordinatorSettings(plannerProfile, toolProfile, expertProfile, temperature, maxTokens, promptsDir,
                responseFormat, maxExecutionTime, maxCostUsd, d, maxParallelJobs, extraTools);
    }
}
