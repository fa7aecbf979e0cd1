package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobOutput;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ToolCall;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolResult;
import dev.baton.tool.Tools;

import java.util.List;

/**
 * A registered tool the configuration adds to the coordinator ({@code coordinator.tools}): the
 * planner writes its arguments, and the job runs it once through the tool service's invoker, under
 * the configured permissions (a call that needs a person's approval is denied: a coordinator job
 * is not interactive).
 */
final class RegisteredToolJob implements CoordinatorTool {

    private final Tool tool;
    private final Tools tools;

    RegisteredToolJob(Tool tool, Tools tools) {
        this.tool = tool;
        this.tools = tools;
    }

    @Override
    public String name() {
        return tool.name();
    }

    @Override
    public String description() {
        return tool.description();
    }

    @Override
    public String argumentsSchema() {
        return tool.parametersSchema();
    }

    @Override
    public JobOutput run(JobContext ctx) {
        var invoker = tools.invoker(List.of(tool), tools.permissions(), new NonInteractiveApprover(), ToolListener.NONE);
        ToolContext context = new ToolContext(DefaultCoordinator.jobRunId(ctx.request().id(), ctx.jobId()), tool.name(),
                tools.sandbox(), ctx.deadline());
        ToolResult r = invoker.invoke(new ToolCall("coord_" + ctx.jobId(), tool.name(), ctx.arguments().toString()), context).result();
        if (r.isError()) {
            ctx.progress(r.content());
            throw BatonException.builder(ErrorCode.AGENT_FAILURE, "tool " + tool.name() + " failed: " + r.content())
                    .retriable(false).build();
        }
        return JobOutput.text(r.content());
    }
}
