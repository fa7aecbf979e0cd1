package dev.baton.pipeline.internal;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The model of one fallback chain that a call may extend: a request whose
 * {@link dev.baton.llm.CallPolicy#fallbacks()} names profiles goes through the composed chain of
 * this chain's profiles followed by each named profile's own chain (profiles already present are
 * not repeated), so budgets price, and the fallback layer tries, every profile the call may reach.
 * A request without extra fallbacks costs one list check.
 */
public final class ExtensibleChainChatModel extends SelectingChatModel {

    private final List<String> names;
    private final ChatModel chain;
    private final Function<String, List<String>> chainOf;
    private final Function<List<String>, ChatModel> compose;

    /**
     * @param chainOf the fallback chain of a profile or alias (NOT_FOUND when unknown)
     * @param compose the composed (cached) model of a list of profile names
     */
    public ExtensibleChainChatModel(List<String> names, Function<String, List<String>> chainOf,
                             Function<List<String>, ChatModel> compose) {
        this.names = List.copyOf(names);
        this.chain = compose.apply(this.names);
        this.chainOf = chainOf;
        this.compose = compose;
    }

    @Override
    public ModelInfo info() {
        return chain.info();
    }

    @Override
    protected ChatModel select(ChatRequest request) {
        List<String> extra = request.policy().fallbacks();
        if (extra.isEmpty()) return chain;
        Set<String> all = new LinkedHashSet<>(names);
        for (String profile : extra) all.addAll(chainOf.apply(profile));
        return all.size() == names.size() ? chain : compose.apply(new ArrayList<>(all));
    }
}
