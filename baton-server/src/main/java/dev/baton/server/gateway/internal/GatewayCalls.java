package dev.baton.server.gateway.internal;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.pipeline.CallMetadata;
import dev.baton.server.Caller;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the gateway's calls on Baton: a profile target through {@code baton.model(profile)} (the
 * whole pipeline: budgets, ledger, deadline, validation, fallbacks, retries, cooldown), an
 * ensemble target through {@code baton.ensembles()} on the conversation's last user message, the
 * agentic model through {@link AgenticTurns} (its serving ensemble on the whole conversation).
 * Every call is labelled with the caller's API key id. Thread-safe.
 */
public final class GatewayCalls {

    private final Baton baton;
    /** The provider kind every profile of a chain shares ("" when they differ or cannot be resolved), by profile. */
    private final ConcurrentHashMap<String, String> chainKinds = new ConcurrentHashMap<>();

    private final AgenticTurns agentic;

    public GatewayCalls(Baton baton) {
        this.baton = baton;
        this.agentic = new AgenticTurns(baton);
    }

    public Baton baton() {
        return baton;
    }

    /** Labels {@code request} with the caller's key id, so budgets of scope {@code api_key} and the ledger see it. */
    public static ChatRequest.Builder label(ChatRequest.Builder request, Caller caller) {
        if (caller.keyId() != null) request.metadata(CallMetadata.API_KEY, caller.keyId());
        return request;
    }

    /**
     * Whether every profile {@code target}'s call may reach (it and its fallback chain) is served
     * by a provider of {@code kind}, so fields only that kind understands may be passed through.
     */
    public boolean servedOnlyBy(ModelTarget target, String kind) {
        if (target.ensemble()) return false;
        return kind.equals(chainKinds.computeIfAbsent(target.profile(), this::chainKind));
    }

    private String chainKind(String profile) {
        try {
            Set<String> kinds = new HashSet<>();
            for (String name : baton.pipeline().fallbackChain(profile)) kinds.add(baton.profile(name).provider().kind());
            return kinds.size() == 1 ? kinds.iterator().next() : "";
        } catch (RuntimeException e) {
            return ""; // an unresolvable profile fails its call with a clear error; here it only means "do not pass through"
        }
    }

    /** The whole answer of {@code target} to {@code request}. */
    public ChatResponse answer(ModelTarget target, ChatRequest request) {
        if (target.agentic()) return agentic.answer(target, request);
        if (target.ensemble()) return runEnsemble(target, request);
        return baton.model(target.profile()).chat(request);
    }

    /** The streamed answer; for an ensemble, its deliverable once the run completed, in word chunks. */
    public ChatStream stream(ModelTarget target, ChatRequest request) {
        if (target.agentic()) return new TextChunkStream(agentic.answer(target, request));
        if (target.ensemble()) return new TextChunkStream(runEnsemble(target, request));
        return baton.model(target.profile()).stream(request);
    }

    /** A run's options for {@code request}: its agents' calls carry the caller's key id, so its budget and the ledger see the run. */
    static RunOptions runOptions(ChatRequest request) {
        String key = request.metadata().get(CallMetadata.API_KEY);
        return key == null ? RunOptions.defaults() : RunOptions.defaults().withCallMetadata(java.util.Map.of(CallMetadata.API_KEY, key));
    }

    private ChatResponse runEnsemble(ModelTarget target, ChatRequest request) {
        String input = request.lastUserText();
        if (input.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "model '" + target.requested()
                    + "' runs an ensemble on the last user message, and there is none");
        }
        RunResult result;
        try {
            result = baton.ensembles().run(target.ensembleName(), input, runOptions(request), event -> { }).await();
        } catch (EnsembleNotFoundException e) {
            throw BatonException.builder(ErrorCode.NOT_FOUND, "no ensemble '" + target.ensembleName() + "'")
                    .suggestion("GET /v1/models lists the ensembles as ensemble:NAME").build();
        }
        String output = result.deliverableOutput();
        if (result.status() == RunStatus.CANCELLED || output == null) {
            throw BatonException.builder(ErrorCode.AGENT_FAILURE, "ensemble '" + target.ensembleName() + "' run "
                    + result.runId() + " ended " + result.status().wire() + " without a deliverable")
                    .suggestion("see the run's artifacts: baton artifacts show " + result.runId()).build();
        }
        Duration took = result.totals().duration();
        return new ChatResponse(output, List.of(), FinishReason.STOP, result.totals().usage(), "baton",
                target.requested(), target.requested(), result.runId(), null, took == null ? Duration.ZERO : took,
                null, List.of());
    }
}
