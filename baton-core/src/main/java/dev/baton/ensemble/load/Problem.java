package dev.baton.ensemble.load;

/**
 * One thing wrong with an ensemble definition: the file (or {@code <name>} when not from a file),
 * the agent it concerns (null for ensemble-level problems), the YAML line (0 when unknown) and a
 * message that says what is wrong and, where it helps, how to fix it.
 */
public record Problem(String file, String agent, int line, String message) {

    /** {@code file:line: agent 'x': message}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "<ensemble>" : file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (agent != null) sb.append("agent '").append(agent).append("': ");
        return sb.append(message).toString();
    }
}
