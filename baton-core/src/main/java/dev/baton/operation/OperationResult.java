package dev.baton.operation;

import tools.jackson.databind.JsonNode;

/** A finished operation: its id, the response (valid against the response schema and the handler's checks) and metadata. */
public record OperationResult(String operation, JsonNode result, OperationMetadata metadata) {
}
