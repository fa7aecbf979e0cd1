package dev.baton.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a documented shell command line into words the way a POSIX shell quotes them (no expansion). */
final class ShellWords {

    private ShellWords() {
    }

    /** The words of {@code line}: '…' is literal, "…" honours \" and \\, a backslash escapes one character. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
                continue;
            }
            if (word == null) word = new StringBuilder();
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unclosed ' in: " + line);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) d = line.charAt(++j);
                    word.append(d);
                }
                if (j >= line.length()) throw new IllegalArgumentException("unclosed \" in: " + line);
                i = j;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }

    /** {@code line} without a trailing {@code # comment} (a # that starts a word outside quotes). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
