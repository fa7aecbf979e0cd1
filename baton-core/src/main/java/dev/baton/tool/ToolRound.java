package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ToolCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Runs the tool calls of one round: concurrently, one virtual thread each, results in call order. */
final class ToolRound {

    private ToolRound() {
    }

    static List<ToolInvoker.Invocation> invokeAll(ToolInvoker invoker, List<ToolCall> calls, ToolContext context) {
        // one call needs no thread hand-off: running it here saves a thread start and a join per round
        if (calls.size() == 1) return List.of(invokeOne(invoker, calls.getFirst(), context));
        // calls 2..n start on virtual threads first; the caller runs call 1 meanwhile instead of idling
        List<FutureTask<ToolInvoker.Invocation>> others = new ArrayList<>(calls.size() - 1);
        for (ToolCall call : calls.subList(1, calls.size())) {
            FutureTask<ToolInvoker.Invocation> task = new FutureTask<>(() -> invokeOne(invoker, call, context));
            Thread.ofVirtual().name("tool-" + call.name()).start(task);
            others.add(task);
        }
        List<ToolInvoker.Invocation> results = new ArrayList<>(calls.size());
        try {
            results.add(invokeOne(invoker, calls.getFirst(), context));
            for (FutureTask<ToolInvoker.Invocation> task : others) results.add(task.get());
        } catch (InterruptedException e) {
            // stop the round's other calls before giving up (each is interrupted; none is awaited)
            others.forEach(t -> t.cancel(true));
            Thread.currentThread().interrupt();
            throw BatonException.builder(ErrorCode.TIMEOUT, "interrupted while tool calls were running")
                    .reason(ErrorReason.CANCELLED).retriable(false).cause(e).build();
        } catch (ExecutionException e) {
            // invokeOne turns every tool failure into a result; what is left is cancellation or an Error
            others.forEach(t -> t.cancel(true));
            if (e.getCause() instanceof Error error) throw error;
            if (e.getCause() instanceof RuntimeException cancelled) throw cancelled;
            throw new IllegalStateException("tool call failed outside the invoker", e.getCause());
        } catch (RuntimeException | Error e) {
            others.forEach(t -> t.cancel(true));
            throw e;
        }
        return results;
    }

    /**
     * One call through the invoker. The invoker contract is to return an error result for every
     * failure; an invoker that throws anyway still gives the model an error result, because the
     * loop never fails for a tool. Interruption (cancellation) is the exception: it propagates.
     */
    private static ToolInvoker.Invocation invokeOne(ToolInvoker invoker, ToolCall call, ToolContext context) {
        Instant started = Instant.now();
        try {
            return invoker.invoke(call, context);
        } catch (BatonException e) {
            if (e.reason() == ErrorReason.CANCELLED || Thread.currentThread().isInterrupted()) throw e;
            return failed(call, started, e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw e;
            return failed(call, started, e);
        }
    }

    private static ToolInvoker.Invocation failed(ToolCall call, Instant started, RuntimeException e) {
        String message = "tool '" + call.name() + "' failed: " + (e.getMessage() != null ? e.getMessage()
                : e.getClass().getSimpleName());
        ToolResult result = ToolResult.error(message);
        // the arguments are not recorded: redacting secrets is the invoker's job, and it failed
        ToolCallRecord record = new ToolCallRecord(call.id(), call.name(), "{}", started,
                Duration.between(started, Instant.now()), ToolCallRecord.Outcome.ERROR,
                message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, false, "loop");
        return new ToolInvoker.Invocation(result, record);
    }
}
