package dev.baton.coordinator;

import dev.baton.llm.ChatModel;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What one job runs with: the request, its own id and arguments, the deadline and cost limit of
 * its share, the outputs of jobs that ended before it (by job id), models labelled for the job
 * (every call charged to the job's budget scope and recorded with the request id), and a sink for
 * what it has so far (returned, flagged partial, when the job is stopped).
 */
public interface JobContext {

    CoordinatorRequest request();

    /** {@code job-N}, unique in the request. */
    String jobId();

    ObjectNode arguments();

    Instant deadline();

    /** The most this job may spend, in USD. */
    BigDecimal costLimit();

    /** The outputs of the plan's jobs that ended before this one started, by job id. */
    Map<String, JobResult> earlierResults();

    /** The pipeline model of {@code profile}, every call labelled with this job. */
    ChatModel model(String profile);

    /** Replaces what the job has so far (returned when it is stopped before it ends). */
    void progress(String soFar);

    /** Appends streamed text to what the job has so far. */
    void append(String delta);
}
