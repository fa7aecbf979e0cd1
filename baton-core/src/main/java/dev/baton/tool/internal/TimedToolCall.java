package dev.baton.tool.internal;

import dev.baton.error.BatonException;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tool call on its own virtual thread and waits at most a time limit: past it the thread
 * is interrupted (tools and the sandbox stop on interruption, killing any process tree) and the
 * call is reported as timed out. A throw becomes an error result with a one-line message; the
 * stack trace is never shown to the model.
 */
final class TimedToolCall {

    /** How the call ended: a result, or a time-out. */
    record Ending(ToolResult result, boolean timedOut) {
    }

    private TimedToolCall() {
    }

    static Ending run(Tool tool, ObjectNode arguments, ToolContext context, Duration limit) {
        if (limit.isZero() || limit.isNegative()) {
            return new Ending(ToolResult.error("tool '" + tool.name() + "' was not run: the call's deadline has passed"), true);
        }
        FutureTask<ToolResult> task = new FutureTask<>(() -> tool.call(arguments, context));
        Thread.ofVirtual().name("tool-" + tool.name()).start(task);
        try {
            ToolResult r = task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return new Ending(r != null ? r : ToolResult.error("tool '" + tool.name() + "' returned no result"), false);
        } catch (TimeoutException e) {
            task.cancel(true); // interrupts the tool's thread
            return new Ending(ToolResult.error("tool '" + tool.name() + "' did not finish within "
                    + human(limit) + " and was stopped"), true);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new Ending(ToolResult.error("tool '" + tool.name() + "' was cancelled"), false);
        } catch (ExecutionException e) {
            return new Ending(ToolResult.error(message(tool, e.getCause())), false);
        }
    }

    /** One line for the model: a Baton error's message as it is, anything else with its type. */
    static String message(Tool tool, Throwable t) {
        if (t instanceof BatonException be) return "tool '" + tool.name() + "' failed: " + be.getMessage();
        String m = t.getMessage();
        return "tool '" + tool.name() + "' failed: " + t.getClass().getSimpleName()
                + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
