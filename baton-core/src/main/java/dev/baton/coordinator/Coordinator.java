package dev.baton.coordinator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The coordinator service of a {@code Baton}: answers a request by planning, running the chosen
 * tools as jobs under shares of the request's budget, and synthesising their results. Every
 * request is recorded under the artifacts' {@code coordinator/} folder and its model calls in the
 * usage ledger with the request id (session) and the job (run id {@code REQUEST/JOB}). Thread-safe.
 */
public interface Coordinator {

    /** The settings from {@code coordinator:} with defaults filled in. */
    CoordinatorSettings settings();

    /** The tools the planner may choose, internal ones first, then those configuration adds. */
    List<CoordinatorTool> tools();

    /**
     * Runs {@code request} to its end. Budget and job failures end in a response
     * ({@code partial_success} or {@code failed}), never in an exception.
     *
     * @throws dev.baton.error.BatonException {@code INVALID_REQUEST} for a request out of range
     *         (before anything is spent); {@code CONFIGURATION} for a tool configuration names that
     *         does not exist
     */
    default CoordinatorResponse run(CoordinatorRequest request, CoordinatorListener listener) {
        return run(request, listener, Map.of());
    }

    /**
     * {@link #run(CoordinatorRequest, CoordinatorListener)} with {@code callMetadata} on every model
     * call of the request (for example {@code CallMetadata.API_KEY}, so an HTTP caller's key
     * budgets apply); the coordinator's own labels (run id, session, agent) win.
     */
    CoordinatorResponse run(CoordinatorRequest request, CoordinatorListener listener, Map<String, String> callMetadata);

    /**
     * This coordinator with {@code profile} as the planner's, the internal tools' and the
     * architect's profile (same tools, budgets and recording).
     */
    Coordinator withProfile(String profile);

    /** The bundled prompt templates, by file name. */
    Map<String, String> bundledPrompts();

    /** Writes the bundled templates into {@code dir} (existing files kept unless {@code overwrite}); returns the files written. */
    List<Path> writePrompts(Path dir, boolean overwrite);
}
