package dev.baton.cli;

/** How a command prints its data: a live view, plain text, or one JSON document. */
public enum OutputFormat {
    rich, text, json
}
