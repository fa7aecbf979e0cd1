package dev.baton.operation;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with an operation definition: the file, the operation id it concerns (null for
 * file-level problems), the YAML line (0 when unknown), the field ({@code input_schema},
 * {@code prompt}; null when the problem is not about one) and what is wrong.
 */
public record OperationProblem(String file, @Nullable String operation, int line, @Nullable String field, String message) {

    /** {@code file:line: operation 'x': field: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (operation != null) sb.append("operation '").append(operation).append("': ");
        if (field != null) sb.append(field).append(": ");
        return sb.append(message).toString();
    }
}
