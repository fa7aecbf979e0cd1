package dev.baton.coordinator.internal;

import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobOutput;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolLoop;
import dev.baton.tool.ToolLoopStream;

/**
 * The LLM half of an internal tool: the rendered prompt goes to the tool's profile with the
 * read-only tools offered (a few rounds, so the model can read more of the workspace), streamed
 * so that what it has written so far is the job's partial result if the job is stopped.
 */
final class SubAgent {

    /** Rounds of tool calls a sub-agent may make before it must answer. */
    static final int MAX_ROUNDS = 4;

    private SubAgent() {
    }

    static JobOutput answer(JobContext ctx, WorkspaceReader reader, String profile, String prompt, double temperature,
                            int maxTokens) {
        ToolLoop loop = reader.service().loop(ctx.model(profile), reader.tools(), new NonInteractiveApprover(),
                ToolListener.NONE, MAX_ROUNDS);
        ChatRequest request = ChatRequest.builder().user(prompt).temperature(temperature).maxTokens(maxTokens)
                .deadline(ctx.deadline()).build();
        try (ToolLoopStream stream = loop.stream(request, reader.context())) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (chunk.textDelta() != null && !chunk.textDelta().isEmpty()) ctx.append(chunk.textDelta());
                if (Thread.currentThread().isInterrupted()) {
                    throw BatonException.builder(ErrorCode.TIMEOUT, "stopped while the model was answering")
                            .reason(ErrorReason.CANCELLED).retriable(false).build();
                }
            }
            return JobOutput.text(stream.result().response().text());
        }
    }
}
