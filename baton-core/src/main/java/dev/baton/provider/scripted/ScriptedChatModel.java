package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.provider.scripted.internal.OfflineReply;
import dev.baton.provider.scripted.internal.Pause;
import dev.baton.provider.scripted.internal.RenderedReply;
import dev.baton.provider.scripted.internal.ScriptedChatStream;
import dev.baton.provider.scripted.internal.Transcript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Baton's own test double and offline default: a {@link ChatModel} that answers from a
 * {@link ScriptedScript} and records every request.
 *
 * <p>Each call (blocking or streamed) is recorded, then answered by the next unused ordered reply;
 * once those run out, by the first rule whose regex is found in the prompt; then by the script's
 * fallback; then by a deterministic offline reply (a labelled summary of the prompt, or an
 * instance of the requested JSON Schema). The i-th recorded request is the one that received the
 * i-th ordered reply. Apart from which caller gets which ordered reply under concurrency, equal
 * scripts and requests give equal responses: token counts are ceil(chars / 4) unless scripted,
 * tool-call and response ids are hashes of the request.
 *
 * <p>Scripted errors are thrown as {@link BatonException}s with the scripted code, reason,
 * retry-after and the code's HTTP status as provider status. Latencies honour interruption and
 * the request deadline (TIMEOUT); closing a stream ends its pending wait. {@code request.model()}
 * overrides the model name a response reports. Thread-safe.
 */
public final class ScriptedChatModel implements ChatModel {

    /** The provider kind of scripted models, and the provider name they report unless built from a {@link ModelInfo}. */
    public static final String PROVIDER = "scripted";

    private final ScriptedScript script;
    private final String provider;
    private final String modelName;
    private final ModelInfo info;
    private final OfflineReply offline = new OfflineReply();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ChatRequest> requests = new ArrayList<>();
    private int nextReply;

    private ScriptedChatModel(ScriptedScript script, ModelInfo info) {
        this.script = Objects.requireNonNull(script, "script");
        this.info = Objects.requireNonNull(info, "info");
        this.provider = Objects.requireNonNull(info.provider(), "info.provider");
        this.modelName = Objects.requireNonNull(info.model(), "info.model");
    }

    private ScriptedChatModel(ScriptedScript script, String modelName) {
        this(script, infoFrom(script.modelInfo(), Objects.requireNonNull(modelName, "modelName")));
    }

    private static ModelInfo infoFrom(ScriptedModelSettings settings, String modelName) {
        return new ModelInfo(PROVIDER, modelName, settings.contextWindow(), settings.maxOutputTokens(),
                EnumSet.allOf(Capability.class), settings.toPrices());
    }

    /** A model with an empty script: every answer is the offline reply. */
    public static ScriptedChatModel of(String modelName) {
        return new ScriptedChatModel(ScriptedScript.empty(), modelName);
    }

    /** A model answering from a YAML script file; VALIDATION errors name the file, line and field. */
    public static ScriptedChatModel fromFile(Path scriptFile, String modelName) {
        return new ScriptedChatModel(new ScriptedScriptLoader().load(scriptFile), modelName);
    }

    /** A model answering from {@code script}; its info comes from the script's {@code model_info}. */
    public static ScriptedChatModel fromScript(ScriptedScript script, String modelName) {
        return new ScriptedChatModel(script, modelName);
    }

    /**
     * A model answering from {@code script} that reports {@code info} as it is (as a profile
     * resolved it): responses and errors name {@code info.provider()} and {@code info.model()},
     * costs use {@code info.prices()} (free when null); the script's {@code model_info} is ignored.
     */
    public static ScriptedChatModel fromScript(ScriptedScript script, ModelInfo info) {
        return new ScriptedChatModel(script, info);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        long start = System.nanoTime();
        RenderedReply rendered = answer(request);
        Pause pause = new Pause(request.deadline(), rendered.context());
        pause.await(rendered.reply().latencyMs() + rendered.reply().firstTokenLatencyMs());
        BatonException failure = rendered.failure();
        if (failure != null) throw failure;
        return new ChatResponse(rendered.text(), rendered.toolCalls(), rendered.finishReason(), rendered.usage(),
                provider, rendered.context().model(), null, rendered.responseId(), rendered.reasoning(),
                Duration.ofNanos(System.nanoTime() - start), null, List.of());
    }

    /**
     * Waits the reply's latency, then returns a stream (or throws the scripted error when it
     * fails before any chunk, as an HTTP error status would).
     */
    @Override
    public ChatStream stream(ChatRequest request) {
        RenderedReply rendered = answer(request);
        Pause pause = new Pause(request.deadline(), rendered.context());
        pause.await(rendered.reply().latencyMs());
        if (rendered.reply().failsImmediately()) throw rendered.failure();
        return new ScriptedChatStream(provider, rendered.context().model(), rendered, pause);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The script this model answers from. */
    public ScriptedScript script() {
        return script;
    }

    /** Every request received since creation or the last {@link #reset()}, in arrival order. */
    public List<ChatRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** How many calls (blocking and streamed) were received since creation or the last reset. */
    public int callCount() {
        lock.lock();
        try {
            return requests.size();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets recorded requests and starts the ordered replies from the first again. */
    public void reset() {
        lock.lock();
        try {
            requests.clear();
            nextReply = 0;
        } finally {
            lock.unlock();
        }
    }

    private RenderedReply answer(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        int replyIndex = record(request);
        String model = request.model() != null ? request.model() : modelName;
        String source;
        ScriptedReply reply;
        if (replyIndex >= 0) {
            source = "reply-" + (replyIndex + 1);
            reply = script.replies().get(replyIndex);
        } else {
            int ruleIndex = matchingRule(request);
            if (ruleIndex >= 0) {
                source = "rule-" + (ruleIndex + 1);
                reply = script.rules().get(ruleIndex).reply();
            } else if (script.fallback() != null) {
                source = "fallback";
                reply = script.fallback();
            } else {
                source = "offline";
                reply = ScriptedReply.text(offline.answer(request, model));
            }
        }
        Prices prices = info.prices() == null ? Prices.FREE : info.prices();
        return RenderedReply.render(source, reply, request, provider, model, prices);
    }

    /** Records the request; returns the index of the ordered reply it gets, or -1 when they are used up. */
    private int record(ChatRequest request) {
        lock.lock();
        try {
            requests.add(request);
            return nextReply < script.replies().size() ? nextReply++ : -1;
        } finally {
            lock.unlock();
        }
    }

    private int matchingRule(ChatRequest request) {
        String lastUser = null;
        String conversation = null;
        String toolResults = null;
        for (int i = 0; i < script.rules().size(); i++) {
            ScriptedRule rule = script.rules().get(i);
            MatchOn target = rule.matchOn() != null ? rule.matchOn() : script.matchOn();
            String text;
            if (target == MatchOn.CONVERSATION) {
                text = conversation != null ? conversation : (conversation = Transcript.conversation(request));
            } else if (target == MatchOn.TOOL_RESULTS) {
                text = toolResults != null ? toolResults : (toolResults = Transcript.trailingToolResults(request));
            } else {
                text = lastUser != null ? lastUser : (lastUser = request.lastUserText());
            }
            if (rule.matches(text)) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "ScriptedChatModel[" + provider + "/" + modelName + "]";
    }
}
