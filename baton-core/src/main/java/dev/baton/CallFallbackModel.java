package dev.baton;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.internal.SelectingChatModel;

import java.util.List;
import java.util.function.Function;

/**
 * The model of one profile for ensemble agents: a call whose
 * {@link dev.baton.llm.CallPolicy#fallbacks()} names more profiles (an agent's
 * {@code fallback_model_profile}) goes through a pipeline that holds them too, so the pipeline's
 * one fallback layer tries them and the budget prices them; other calls go through the profile's
 * own pipeline, which resolves nothing else.
 */
final class CallFallbackModel extends SelectingChatModel {

    private final String profile;
    private final ChatModel plain;
    private final Function<List<String>, ChatModel> withFallbacks;

    /** @param withFallbacks the model of the first of a list of profiles, the others in reach (cached by the caller) */
    CallFallbackModel(String profile, ChatModel plain, Function<List<String>, ChatModel> withFallbacks) {
        this.profile = profile;
        this.plain = plain;
        this.withFallbacks = withFallbacks;
    }

    @Override
    public ModelInfo info() {
        return plain.info();
    }

    @Override
    protected ChatModel select(ChatRequest request) {
        List<String> extra = request.policy().fallbacks();
        if (extra.isEmpty()) return plain;
        java.util.ArrayList<String> names = new java.util.ArrayList<>(extra.size() + 1);
        names.add(profile);
        names.addAll(extra);
        return withFallbacks.apply(List.copyOf(names));
    }
}
