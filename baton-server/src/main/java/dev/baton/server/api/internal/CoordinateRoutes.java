package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorResponseJson;
import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.pipeline.CallMetadata;
import dev.baton.server.Caller;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/coordinate}: one coordinator request, answered when it ends with the
 * response's JSON (200 whatever its status: {@code partial_success} and {@code failed} are
 * answers, not HTTP errors). The caller's API key labels every call (its budgets apply) and must
 * be allowed the coordinator's profiles.
 */
public final class CoordinateRoutes {

    private static final String[] FIELDS = {"query", "context", "max_cost", "max_execution_time_seconds", "request_id"};

    private final Baton baton;

    public CoordinateRoutes(Baton baton) {
        this.baton = baton;
    }

    public void mount(ApiRouter router) {
        router.post("/api/v1/coordinate", this::coordinate);
    }

    private void coordinate(ApiCall call) throws IOException {
        call.onlyFields(FIELDS);
        Caller caller = call.caller();
        CoordinatorSettings s = baton.coordinator().settings();
        List<String> refused = List.of(s.plannerProfile(), s.toolProfile(), s.expertProfile()).stream().distinct()
                .filter(p -> !caller.mayUse(p)).toList();
        if (!refused.isEmpty()) {
            throw new BatonException(ErrorCode.PERMISSION_DENIED, "this API key may not use the coordinator's profile(s) " + refused);
        }
        JsonNode cost = call.body().get("max_cost");
        if (cost != null && !cost.isNull() && !cost.isNumber()) throw ApiCall.invalid("field 'max_cost' must be a number, not " + ApiCall.kind(cost));
        Integer seconds = call.positiveInt("max_execution_time_seconds", 300);
        CoordinatorRequest request = new CoordinatorRequest(call.string("request_id", false), call.string("query", true),
                call.string("context", false), Map.of(), seconds == null ? null : Duration.ofSeconds(seconds),
                cost == null || cost.isNull() ? null : cost.decimalValue());
        Map<String, String> labels = caller.keyId() == null ? Map.of() : Map.of(CallMetadata.API_KEY, caller.keyId());
        CoordinatorResponse response = baton.coordinator().run(request, CoordinatorListener.NONE, labels);
        call.send(200, CoordinatorResponseJson.write(response));
    }
}
