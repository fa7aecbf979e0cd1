package dev.baton.cli;

import dev.baton.ensemble.load.Problem;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints ensemble definition problems, one a line as {@code file:line: agent 'x': message}, with
 * files shown relative to the working directory when they lie under it.
 */
final class ProblemReport {

    private final Path workingDir;

    ProblemReport(Path workingDir) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    void print(PrintWriter w, List<Problem> problems) {
        for (Problem p : problems) w.println(line(p));
        w.flush();
    }

    String line(Problem p) {
        return new Problem(display(p.file()), p.agent(), p.line(), p.message()).toString();
    }

    String display(String file) {
        if (file == null || file.startsWith("<")) return file;
        try {
            Path f = Path.of(file).toAbsolutePath().normalize();
            return f.startsWith(workingDir) ? workingDir.relativize(f).toString() : file;
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }

    String display(Path file) {
        return display(file.toString());
    }
}
