package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.JobContext;
import dev.baton.coordinator.JobResult;
import dev.baton.llm.ChatModel;
import dev.baton.pipeline.CallMetadata;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The {@link JobContext} of one job: labelled, metered models and the text it has so far. */
final class DefaultJobContext implements JobContext {

    private final CoordinatorRequest request;
    private final JobManager.JobSlot slot;
    private final Function<String, ChatModel> pipeline;
    private final MeteredChatModel.Meter meter = new MeteredChatModel.Meter();
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder streamed = new StringBuilder();
    private String progress = "";
    private final Map<String, String> labels;

    DefaultJobContext(CoordinatorRequest request, JobManager.JobSlot slot, Function<String, ChatModel> pipeline,
                      Map<String, String> callMetadata) {
        this.request = request;
        this.slot = slot;
        this.pipeline = pipeline;
        Map<String, String> l = new java.util.LinkedHashMap<>(callMetadata);
        l.put(CallMetadata.RUN_ID, DefaultCoordinator.jobRunId(request.id(), slot.jobId()));
        l.put(CallMetadata.SESSION, request.id());
        l.put(CallMetadata.AGENT, slot.job().tool());
        this.labels = Map.copyOf(l);
    }

    @Override
    public CoordinatorRequest request() {
        return request;
    }

    @Override
    public String jobId() {
        return slot.jobId();
    }

    @Override
    public ObjectNode arguments() {
        return slot.job().arguments().deepCopy();
    }

    @Override
    public Instant deadline() {
        return slot.deadline();
    }

    @Override
    public BigDecimal costLimit() {
        return slot.costLimit();
    }

    @Override
    public Map<String, JobResult> earlierResults() {
        return slot.earlier();
    }

    @Override
    public ChatModel model(String profile) {
        return new MeteredChatModel(pipeline.apply(profile), labels, meter);
    }

    @Override
    public void progress(String soFar) {
        lock.lock();
        try {
            progress = soFar;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void append(String delta) {
        lock.lock();
        try {
            streamed.append(delta);
        } finally {
            lock.unlock();
        }
    }

    /** What the job has: the streamed text, else its last progress note. */
    String soFar() {
        lock.lock();
        try {
            return !streamed.isEmpty() ? streamed.toString() : progress;
        } finally {
            lock.unlock();
        }
    }

    MeteredChatModel.Meter meter() {
        return meter;
    }
}
