package dev.baton.context;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Fits a turn into a model's window: the persona (and profile system prompt), memory excerpts,
 * recent history and the task must together stay within {@code window - outputReserve} input
 * tokens. The task is never cut: when it and the system prompt alone do not fit, {@link #shape}
 * fails with {@code INVALID_REQUEST} / {@link ErrorReason#CONTEXT_OVERFLOW} (CONTEXT_WINDOW_EXCEEDED)
 * before anything is sent, and a fallback chain may then try a larger model. Otherwise:
 * <ol>
 *   <li>excerpts, most relevant first, take up to half of what is left; those that do not fit are dropped;</li>
 *   <li>history fills the rest, newest turn first (a turn is a user message with the answers and
 *       tool calls and results after it, kept or dropped whole so no tool result loses its call);</li>
 *   <li>the turns that did not fit are dropped, or with {@link HistoryPolicy#SUMMARISE} and a
 *       summariser, replaced by one summary message (when the summary fits);</li>
 *   <li>the whole is counted once more with the final counter (which may be a provider's exact
 *       count endpoint); while it is over budget the oldest kept turn goes.</li>
 * </ol>
 * Pieces are measured with the cheap counter (a local tokenizer or the estimate); the result's
 * {@link ShapedContext#input()} says whether its count is exact.
 */
public final class ContextShaper {

    /** How the excerpts block opens the final user message. */
    static final String EXCERPTS_HEADING = "Project memory (excerpts, most relevant first):";
    /** How a summary of dropped history is introduced. */
    static final String SUMMARY_HEADING = "Summary of the earlier conversation:";

    private final TokenCounter pieces;
    private final TokenCounter whole;
    private final int window;
    private final int outputReserve;
    private final HistoryPolicy policy;
    private final @Nullable Function<List<Message>, String> summariser;

    /**
     * @param pieces        counts pieces while fitting (cheap: local tokenizer or estimate)
     * @param whole         counts the final request once (may call a count endpoint)
     * @param window        the model's context window in tokens
     * @param outputReserve tokens kept free for the answer
     * @param summariser    writes a summary of dropped history (null: drop only)
     */
    public ContextShaper(TokenCounter pieces, TokenCounter whole, int window, int outputReserve, HistoryPolicy policy,
                         @Nullable Function<List<Message>, String> summariser) {
        if (window <= 0) throw new IllegalArgumentException("window must be positive: " + window);
        if (outputReserve < 0) throw new IllegalArgumentException("outputReserve must not be negative: " + outputReserve);
        this.pieces = pieces;
        this.whole = whole;
        this.window = window;
        this.outputReserve = outputReserve;
        this.policy = policy;
        this.summariser = summariser;
    }

    /**
     * The messages to send for {@code task} after {@code history}, with {@code excerpts} offered,
     * under {@code system} (the persona and profile system prompt the pipeline will add; counted, not returned).
     *
     * @throws BatonException INVALID_REQUEST with reason CONTEXT_OVERFLOW when the task and system prompt alone do not fit
     */
    public ShapedContext shape(@Nullable String system, List<Excerpt> excerpts, List<Message> history, String task) {
        long budget = (long) window - outputReserve;
        List<Message> systemOnly = system == null || system.isBlank() ? List.of() : List.of(Message.system(system));
        long fixed = pieces.count(with(systemOnly, Message.user(task))).tokens();
        if (fixed > budget) throw overflow(pieces.count(with(systemOnly, Message.user(task))));
        long left = budget - fixed;

        List<Excerpt> byRelevance = new ArrayList<>(excerpts);
        byRelevance.sort(Comparator.comparingDouble(Excerpt::relevance).reversed());
        List<Excerpt> keptExcerpts = new ArrayList<>();
        long excerptBudget = left / 2;
        long excerptTokens = byRelevance.isEmpty() ? 0 : tokens(EXCERPTS_HEADING);
        for (Excerpt e : byRelevance) {
            long t = tokens(render(e));
            if (excerptTokens + t <= excerptBudget) {
                keptExcerpts.add(e);
                excerptTokens += t;
            }
        }
        if (keptExcerpts.isEmpty()) excerptTokens = 0;
        left -= excerptTokens;

        List<List<Message>> turns = turns(history);
        int firstKept = turns.size();
        long used = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            long t = messagesTokens(turns.get(i));
            if (used + t > left) break;
            used += t;
            firstKept = i;
        }
        Message summary = null;
        if (firstKept > 0 && policy == HistoryPolicy.SUMMARISE && summariser != null) {
            summary = summaryOf(flatten(turns.subList(0, firstKept)));
            long st = messagesTokens(List.of(summary));
            while (summary != null && used + st > left) {
                if (firstKept >= turns.size()) {
                    summary = null;
                    break;
                }
                used -= messagesTokens(turns.get(firstKept));
                firstKept++;
                summary = summaryOf(flatten(turns.subList(0, firstKept)));
                st = messagesTokens(List.of(summary));
            }
        }
        Message last = Message.user(keptExcerpts.isEmpty() ? task : excerptBlock(keptExcerpts) + "\n\n" + task);
        while (true) {
            List<Message> out = new ArrayList<>();
            if (summary != null) out.add(summary);
            out.addAll(flatten(turns.subList(firstKept, turns.size())));
            out.add(last);
            TokenCount total = whole.count(with(systemOnly, out));
            if (total.tokens() <= budget) {
                int kept = flatten(turns.subList(firstKept, turns.size())).size();
                return new ShapedContext(out, total, window, outputReserve, kept, history.size() - kept, summary != null,
                        keptExcerpts.size(), excerpts.size() - keptExcerpts.size());
            }
            if (summary != null) {
                summary = null;
            } else if (firstKept < turns.size()) {
                firstKept++;
            } else if (!keptExcerpts.isEmpty()) {
                keptExcerpts.removeLast();
                last = Message.user(keptExcerpts.isEmpty() ? task : excerptBlock(keptExcerpts) + "\n\n" + task);
            } else {
                throw overflow(total);
            }
        }
    }

    private BatonException overflow(TokenCount needed) {
        return BatonException.builder(ErrorCode.INVALID_REQUEST, "CONTEXT_WINDOW_EXCEEDED: the task and system prompt alone need "
                        + needed.label() + ", more than the " + ((long) window - outputReserve) + " tokens of input the model allows ("
                        + window + "-token window less " + outputReserve + " kept for the answer); nothing was sent")
                .reason(ErrorReason.CONTEXT_OVERFLOW)
                .suggestion("Shorten the task, lower max_tokens, or use a profile with a larger context window.")
                .build();
    }

    private Message summaryOf(List<Message> dropped) {
        return Message.user(SUMMARY_HEADING + "\n" + summariser.apply(dropped));
    }

    /** Splits history into turns: each starts at a user message (leading non-user messages form a turn of their own). */
    static List<List<Message>> turns(List<Message> history) {
        List<List<Message>> turns = new ArrayList<>();
        List<Message> current = new ArrayList<>();
        for (Message m : history) {
            if (m.role() == Role.SYSTEM) continue;
            if (m.role() == Role.USER && !current.isEmpty()) {
                turns.add(current);
                current = new ArrayList<>();
            }
            current.add(m);
        }
        if (!current.isEmpty()) turns.add(current);
        return turns;
    }

    private static List<Message> flatten(List<List<Message>> turns) {
        List<Message> out = new ArrayList<>();
        turns.forEach(out::addAll);
        return out;
    }

    private static List<Message> with(List<Message> first, Message then) {
        List<Message> out = new ArrayList<>(first);
        out.add(then);
        return out;
    }

    private static List<Message> with(List<Message> first, List<Message> then) {
        List<Message> out = new ArrayList<>(first);
        out.addAll(then);
        return out;
    }

    /** Tokens of messages without the reply priming (counted once, in the fixed part). */
    private long messagesTokens(List<Message> messages) {
        return pieces.count(messages).tokens() - pieces.count(List.of()).tokens();
    }

    private long tokens(String text) {
        return messagesTokens(List.of(Message.user(text)));
    }

    private static String render(Excerpt e) {
        return "--- " + e.source() + "\n" + e.text() + "\n";
    }

    private static String excerptBlock(List<Excerpt> kept) {
        StringBuilder b = new StringBuilder(EXCERPTS_HEADING).append('\n');
        kept.forEach(e -> b.append(render(e)));
        return b.toString().stripTrailing();
    }
}
