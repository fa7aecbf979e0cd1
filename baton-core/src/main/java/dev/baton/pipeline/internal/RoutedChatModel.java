package dev.baton.pipeline.internal;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.CallMetadata;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.TokenEstimator;

/**
 * Routes each request through the pipeline: to the profile or alias named by metadata
 * {@code profile}, else by metadata {@code task_type} and the estimated input size.
 */
public final class RoutedChatModel extends SelectingChatModel {

    private final Pipeline pipeline;
    private final TokenEstimator estimator;

    public RoutedChatModel(Pipeline pipeline, TokenEstimator estimator) {
        this.pipeline = pipeline;
        this.estimator = estimator;
    }

    @Override
    public ModelInfo info() {
        return pipeline.forProfile(pipeline.defaultProfile()).info();
    }

    @Override
    protected ChatModel select(ChatRequest request) {
        String override = request.metadata().get(CallMetadata.PROFILE);
        if (override != null) return pipeline.forProfile(override);
        return pipeline.forTask(request.metadata().get(CallMetadata.TASK_TYPE), estimator.estimateInputTokens(request));
    }
}
