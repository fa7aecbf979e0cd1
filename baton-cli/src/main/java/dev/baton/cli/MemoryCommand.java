package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.context.memory.Excerpt;
import dev.baton.context.memory.Fact;
import dev.baton.context.memory.FileSummary;
import dev.baton.context.memory.IndexStats;
import dev.baton.context.memory.ProjectMemory;
import dev.baton.context.memory.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code baton memory add|list|search|reindex|forget|summary}: the project's memory. */
@Command(name = "memory", description = "Project memory: facts you set, and search over the project's files.",
        subcommands = {MemoryCommand.AddCmd.class, MemoryCommand.ListCmd.class, MemoryCommand.SearchCmd.class,
                MemoryCommand.ReindexCmd.class, MemoryCommand.ForgetCmd.class, MemoryCommand.SummaryCmd.class})
final class MemoryCommand extends CommandGroup {

    /** A fact in {@code -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FactJson(String key, String text, String source, String updatedAt) {
        static FactJson of(Fact f) {
            return new FactJson(f.key(), f.text(), f.source(), f.updatedAt().toString());
        }
    }

    /** An excerpt in {@code memory search -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExcerptJson(String path, int startLine, int endLine, String title, double score, String text) {
    }

    /** {@code memory search -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchJson(String query, String mode, int tokens, boolean truncated, List<ExcerptJson> excerpts) {
        static SearchJson of(SearchResult r) {
            return new SearchJson(r.query(), r.mode().name().toLowerCase(Locale.ROOT), r.tokens(), r.truncated(),
                    r.excerpts().stream().map(e -> new ExcerptJson(e.path(), e.startLine(), e.endLine(), e.title(),
                            e.score(), e.text())).toList());
        }
    }

    /** {@code memory reindex -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReindexJson(int scanned, int indexed, int unchanged, int removed, int skipped, int chunks, long millis) {
        static ReindexJson of(IndexStats s) {
            return new ReindexJson(s.scanned(), s.indexed(), s.unchanged(), s.removed(), s.skipped(), s.chunks(), s.millis());
        }
    }

    /** {@code memory forget -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ForgotJson(String key, boolean forgotten) {
    }

    /** {@code memory summary -o json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryJson(String path, String contentHash, String profile, boolean cached, String summary) {
    }

    /** Opens Baton's memory, runs {@code work}, and turns a bad argument into a usage error. */
    static <T> T withMemory(CliEnvironment env, Function<ProjectMemory, T> work) {
        try (Baton baton = env.openBaton()) {
            return work.apply(baton.memory());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    abstract static class Sub implements Callable<Integer> {
        final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        Sub(CliEnvironment env) {
            this.env = env;
        }

        boolean json() {
            return output.resolve(env, false) == OutputFormat.json;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "add", description = "Set a fact: KEY (letters, digits, . _ - /) and its TEXT; replaces a fact with that key.")
    static final class AddCmd extends Sub {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;
        @Parameters(index = "1", paramLabel = "TEXT")
        String text;
        @Option(names = "--source", paramLabel = "SOURCE", description = "where the fact comes from (default: cli)")
        String source = "cli";

        AddCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            Fact f = withMemory(env, m -> m.remember(key, text, source));
            if (json()) Json.print(out(), FactJson.of(f));
            else out().println("remembered " + f.key());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Every fact of the project, by key.")
    static final class ListCmd extends Sub {
        ListCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            List<Fact> facts = withMemory(env, ProjectMemory::facts);
            if (json()) {
                Json.print(out(), facts.stream().map(FactJson::of).toList());
            } else if (facts.isEmpty()) {
                out().println("no facts (add one with `baton memory add KEY TEXT`)");
            } else {
                Table t = new Table("KEY", "TEXT", "SOURCE", "UPDATED");
                for (Fact f : facts) t.row(f.key(), f.text(), f.source(), f.updatedAt());
                t.print(out());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "search", description = "The project's file excerpts best matching QUERY, within a token budget.")
    static final class SearchCmd extends Sub {
        @Parameters(index = "0", paramLabel = "QUERY")
        String query;
        @Option(names = "--max-tokens", paramLabel = "N", description = "token budget of the excerpts (default: memory.search_tokens, 2000)")
        Integer maxTokens;
        @Option(names = "--reindex", description = "update the index before searching (a search does when its last update is over 30 s old)")
        boolean reindex;

        SearchCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (maxTokens != null && maxTokens < 1) throw new UsageException("--max-tokens: must be positive, got " + maxTokens);
            SearchResult r;
            try (Baton baton = env.openBaton()) {
                ProjectMemory m = baton.memory();
                if (reindex) m.reindex();
                int budget = maxTokens != null ? maxTokens
                        : baton.config().memory() == null ? dev.baton.config.MemoryConfig.DEFAULT_SEARCH_TOKENS
                        : baton.config().memory().searchTokensOrDefault();
                r = m.search(query, budget);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (json()) {
                Json.print(out(), SearchJson.of(r));
            } else if (r.excerpts().isEmpty()) {
                out().println("nothing matches \"" + query + "\"");
            } else {
                for (Excerpt e : r.excerpts()) {
                    out().println("── " + e.location() + (e.title().isEmpty() ? "" : "  " + e.title()));
                    out().print(e.text().endsWith("\n") ? e.text() : e.text() + "\n");
                    out().println();
                }
                out().println(r.excerpts().size() + " excerpt(s), " + r.tokens() + " tokens, "
                        + r.mode().name().toLowerCase(Locale.ROOT) + (r.truncated() ? ", more matched than fits" : ""));
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "reindex", description = "Update the file index now: only new or changed files are read again.")
    static final class ReindexCmd extends Sub {
        ReindexCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            IndexStats s = withMemory(env, ProjectMemory::reindex);
            if (json()) {
                Json.print(out(), ReindexJson.of(s));
            } else {
                out().printf(Locale.ROOT, "%d files: %d indexed, %d unchanged, %d removed, %d skipped (binary or too large);"
                        + " %d chunks written in %d ms%n", s.scanned(), s.indexed(), s.unchanged(), s.removed(), s.skipped(),
                        s.chunks(), s.millis());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "forget", description = "Remove a fact; exits 1 when no fact has that key.")
    static final class ForgetCmd extends Sub {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        ForgetCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            boolean gone = withMemory(env, m -> m.forget(key));
            if (json()) Json.print(out(), new ForgotJson(key, gone));
            else out().println(gone ? "forgot " + key : "no fact '" + key + "'");
            out().flush();
            return gone ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "summary", description = "A summary of one project FILE by memory.summary_profile, cached by content hash.")
    static final class SummaryCmd extends Sub {
        @Parameters(index = "0", paramLabel = "FILE")
        String file;

        SummaryCmd(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            FileSummary s;
            try {
                s = withMemory(env, m -> m.summary(file));
            } catch (IllegalStateException e) {
                throw new UsageException(e.getMessage());
            }
            if (json()) {
                Json.print(out(), new SummaryJson(s.path(), s.contentHash(), s.profile(), s.cached(), s.text()));
            } else {
                out().println(s.text());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }
}
