package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.spec.EnsembleSpec;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one load of an ensemble asked of the world, each question with the answer it got: the
 * state of its file, of every child ensemble's file and of the names tried before it, whether
 * profiles and providers exist, what scripts resolve to, the known tools. {@link #unchanged()}
 * asks them all again: when every answer is the same, the load's result still holds. A load
 * that had to scan every ensemble file for a {@code name:} (no file named after the child) is
 * marked {@link #uncacheable()}: checking it would cost the scan again.
 * <p>
 * Thread-safe (a validator may ask from several threads).
 */
final class LoadInputs {

    private record Question(Supplier<?> ask, @Nullable Object answer) {
    }

    private final List<Question> questions = new ArrayList<>();
    private final List<EnsembleSpec> children = new ArrayList<>();
    private volatile boolean uncacheable;

    /** Asks {@code question}, notes it with its answer, and returns the answer. */
    <T> T note(Supplier<T> question) {
        T answer = question.get();
        synchronized (questions) {
            questions.add(new Question(question, answer));
        }
        return answer;
    }

    /** Notes the state of {@code file}, before it is read. */
    void file(Path file) {
        note(() -> FileState.of(file));
    }

    /** True when asking every question again gives the answers noted. */
    boolean unchanged() {
        List<Question> all;
        synchronized (questions) {
            all = List.copyOf(questions);
        }
        for (Question q : all) {
            if (!Objects.equals(q.ask().get(), q.answer())) return false;
        }
        return true;
    }

    void uncacheable() {
        uncacheable = true;
    }

    boolean cacheable() {
        return !uncacheable;
    }

    /** The child ensembles the load found, in the order found. */
    List<EnsembleSpec> children() {
        synchronized (children) {
            return List.copyOf(children);
        }
    }

    /**
     * {@code catalog} over {@code directories} (searched as {@code DirectoryEnsembleCatalog} does:
     * {@code name.yaml}, {@code name.yml} in each folder), noting the state of each file tried up
     * to the one found, so a child edited, removed or shadowed by a new file in an earlier folder
     * changes an answer.
     */
    EnsembleCatalog recording(EnsembleCatalog catalog, List<Path> directories) {
        return name -> {
            boolean found = false;
            for (Path dir : directories) {
                for (String ext : List.of(".yaml", ".yml")) {
                    Path candidate = dir.resolve(name + ext);
                    found = note(() -> FileState.of(candidate)).regular();
                    if (found) break;
                }
                if (found) break;
            }
            if (!found) uncacheable();
            Optional<EnsembleSpec> child = catalog.find(name);
            child.ifPresent(c -> {
                synchronized (children) {
                    children.add(c);
                }
            });
            return child;
        };
    }
}
