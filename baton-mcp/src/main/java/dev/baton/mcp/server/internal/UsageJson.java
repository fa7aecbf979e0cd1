package dev.baton.mcp.server.internal;

import dev.baton.llm.Usage;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/** Token usage and cost as the Baton tools report them. */
final class UsageJson {

    static final String SCHEMA = """
            {"type":"object","properties":{"input_tokens":{"type":"integer"},"output_tokens":{"type":"integer"},
              "total_tokens":{"type":"integer"},"estimated":{"type":"boolean"}}}""";

    private UsageJson() {
    }

    static ObjectNode of(Usage u) {
        return Schemas.object().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("total_tokens", u.totalTokens()).put("estimated", u.estimated());
    }

    static BigDecimal cost(Usage u) {
        return u.costUsd() == null ? BigDecimal.ZERO : u.costUsd();
    }
}
