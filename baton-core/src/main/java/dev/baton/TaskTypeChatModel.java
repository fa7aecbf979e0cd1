package dev.baton;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.CallMetadata;

/**
 * Labels every request with one task type before the pipeline's router sees it, so a caller that
 * knows its task type (not its profile) gets the route {@code routing:} gives that type.
 */
final class TaskTypeChatModel implements ChatModel {

    private final ChatModel routed;
    private final String taskType;

    TaskTypeChatModel(ChatModel routed, String taskType) {
        this.routed = routed;
        this.taskType = taskType;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return routed.chat(labelled(request));
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return routed.stream(labelled(request));
    }

    /** The first profile of the route's model. */
    @Override
    public ModelInfo info() {
        return routed.info();
    }

    private ChatRequest labelled(ChatRequest request) {
        return request.toBuilder().metadata(CallMetadata.TASK_TYPE, taskType).build();
    }
}
