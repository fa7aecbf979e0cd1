package dev.baton.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One command field as picocli's programmatic model reads and writes it: plain code in place of
 * the reflective field access picocli sets up for an annotated field (see {@link CommandModels}).
 */
final class FieldBinding<T> implements IGetter, ISetter {

    private final Supplier<T> read;
    private final Consumer<T> write;

    FieldBinding(Supplier<T> read, Consumer<T> write) {
        this.read = read;
        this.write = write;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> X get() {
        return (X) read.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> X set(X value) {
        X previous = (X) read.get();
        write.accept((T) value);
        return previous;
    }
}
