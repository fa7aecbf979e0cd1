package dev.baton.cli;

/** Entry point of the {@code baton} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("baton");
    }
}
