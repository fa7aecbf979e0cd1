package dev.baton.ensemble.service;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * One try of a script: the input text, the agent's {@code parameters}, the completed dependencies'
 * outputs ({@code {name: output}}) and how long it may run. Null input means empty, null objects
 * mean {@code {}}.
 */
public record ScriptTrial(String input, ObjectNode parameters, ObjectNode dependencies, Duration timeout) {

    public ScriptTrial {
        input = input == null ? "" : input;
        parameters = parameters == null ? JsonNodeFactory.instance.objectNode() : parameters;
        dependencies = dependencies == null ? JsonNodeFactory.instance.objectNode() : dependencies;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a script trial needs a positive timeout, not " + timeout);
        }
    }
}
