package dev.baton.ensemble.service;

import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.internal.UnifiedDiff;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates, changes and deletes ensemble files, for every face alike. A new or changed file is first
 * written to a hidden temporary file beside its target, validated there as {@link Ensembles#validate}
 * would validate it (syntax, keys, graph, profiles, scripts, children), and only then renamed over
 * the target in one atomic step: a reader sees the old file or the new one, and an invalid ensemble
 * never replaces a valid one. Names are plain file names ({@code [A-Za-z0-9][A-Za-z0-9._-]*}), never
 * paths. Thread-safe as far as the file system is; concurrent edits of one file: the last rename wins.
 */
public final class EnsembleEditor {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name:[^\\n]*$");
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Ensembles ensembles;

    public EnsembleEditor(Ensembles ensembles) {
        this.ensembles = ensembles;
    }

    /**
     * What an edit did (or, for a dry run, would do): the file, a unified diff from the old content
     * to the new one (empty when equal), the backup of the previous content (null when none was
     * kept) and whether the file was written.
     */
    public record Change(String name, Path file, String diff, @Nullable Path backup, boolean written) {
    }

    /**
     * Writes a new project ensemble {@code name} ({@code .baton/ensembles/NAME.yaml}) with {@code yaml},
     * whose {@code name:} must be {@code name}.
     *
     * @throws BatonException              {@code INVALID_REQUEST} for a bad name or when the project already has it
     * @throws EnsembleDefinitionException with every problem when the content does not validate
     */
    public Change create(String name, String yaml) {
        checkName(name);
        Path dir = ensembles.projectDirectory();
        Path target = dir.resolve(name + ".yaml");
        if (Files.exists(target) || Files.exists(dir.resolve(name + ".yml"))) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "ensemble '" + name + "' already exists in " + dir
                    + "; change it with update, or choose another name");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        replace(name, target, yaml, false);
        return new Change(name, target, UnifiedDiff.of("", yaml, "/dev/null", target.toString()), null, true);
    }

    /**
     * A new project ensemble {@code name} made from the ensemble {@code template} (a name, as
     * {@link Ensembles#locate} finds it): its content with {@code name:} set to {@code name}.
     */
    public Change copy(String name, String template) {
        checkName(name);
        String source = read(ensembles.locate(template));
        Matcher m = NAME_LINE.matcher(source);
        String renamed = m.find() ? source.substring(0, m.start()) + "name: " + name + source.substring(m.end())
                : "name: " + name + "\n" + source;
        return create(name, renamed);
    }

    /**
     * Replaces the content of ensemble {@code name} with {@code yaml} after validating it; with
     * {@code dryRun} only validates and answers the diff; with {@code backup} first copies the
     * previous content to {@code FILE.bak-yyyyMMdd-HHmmss-SSS} beside it (not a YAML file, so not
     * listed as an ensemble).
     *
     * @throws EnsembleNotFoundException   when there is no such ensemble
     * @throws EnsembleDefinitionException with every problem when the new content does not validate
     */
    public Change update(String name, String yaml, boolean dryRun, boolean backup) {
        checkName(name);
        Path file = ensembles.locate(name);
        // locate also takes a YAML path relative to the working directory: edit only ensemble folders' files
        if (ensembles.directories().stream().noneMatch(d -> inside(file, d))) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "'" + name + "' is " + file
                    + ", not an ensemble in " + ensembles.directories() + "; only those are changed here");
        }
        String before = read(file);
        String diff = UnifiedDiff.of(before, yaml, file + " (current)", file + " (new)");
        if (dryRun) {
            validate(name, file, yaml);
            return new Change(name, file, diff, null, false);
        }
        Path copy = null;
        if (backup) {
            copy = file.resolveSibling(file.getFileName() + ".bak-" + LocalDateTime.now().format(BACKUP_STAMP));
            try {
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot back up " + file + " to " + copy + ": " + e.getMessage(), e);
            }
        }
        replace(name, file, yaml, true);
        return new Change(name, file, diff, copy, true);
    }

    /**
     * Deletes the project ensemble {@code name}; ensembles of the user tier are never deleted here.
     *
     * @throws EnsembleNotFoundException when the project has no such ensemble
     */
    public Path delete(String name) {
        checkName(name);
        Path file = ensembles.locate(name);
        if (!inside(file, ensembles.projectDirectory())) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "ensemble '" + name + "' is not a project ensemble ("
                    + file + "); only ensembles in " + ensembles.projectDirectory() + " can be deleted");
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static boolean inside(Path file, Path dir) {
        return file.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "ensemble name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Validates {@code yaml} as the content of {@code target}, then renames it over {@code target}. */
    private void replace(String name, Path target, String yaml, boolean overwrite) {
        Path tmp = stage(target, yaml);
        try {
            check(name, target, tmp);
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // a hard link fails when the target appeared meanwhile, where a rename would replace it
                Files.createLink(target, tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "ensemble '" + name + "' already exists: " + target);
        } catch (UnsupportedOperationException e) {
            moveWithoutLink(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void moveWithoutLink(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void validate(String name, Path target, String yaml) {
        Path tmp = stage(target, yaml);
        try {
            check(name, target, tmp);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private void check(String name, Path target, Path staged) {
        List<Problem> problems = new ArrayList<>();
        EnsembleEntry entry = ensembles.read(staged);
        if (entry.spec() != null && !name.equals(entry.spec().name())) {
            problems.add(new Problem(target.toString(), null, 0, "name: is '" + entry.spec().name()
                    + "' but the ensemble is '" + name + "'; they must match"));
        }
        for (Problem p : ensembles.validate(staged)) {
            // problems name the file the content is for, not the temporary file it was checked in
            problems.add(new Problem(staged.toString().equals(p.file()) ? target.toString() : p.file(), p.agent(), p.line(), p.message()));
        }
        if (!problems.isEmpty()) throw new EnsembleDefinitionException(problems);
    }

    private static Path stage(Path target, String yaml) {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover hidden .tmp file is harmless: it is not a YAML file, so never listed
        }
    }
}
