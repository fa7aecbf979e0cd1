package dev.baton.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Software we did not write, from the npm registry, installed on demand into the git-ignored
 * {@code .peers/} folder at the repository root with pinned versions. Tests that need a peer
 * skip (with a message) only when npm itself is absent.
 */
public final class Peers {

    private Peers() {
    }

    /** The repository root (the folder holding mvnw), found from the working directory. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    public static Path dir() {
        return repoRoot().resolve(".peers");
    }

    /** Installs {@code name@version} unless present; returns the package folder. Skips the test when npm is absent. */
    public static Path install(String name, String version) {
        Path pkg = dir().resolve("node_modules").resolve(name);
        if (Files.isRegularFile(pkg.resolve("package.json")) && installedVersion(pkg).equals(version)) return pkg;
        String npm = which("npm");
        Assumptions.assumeTrue(npm != null, "npm is not installed: skipping the interop test that needs " + name);
        try {
            Files.createDirectories(dir());
            Path manifest = dir().resolve("package.json");
            if (!Files.exists(manifest)) Files.writeString(manifest, "{\"name\":\"baton-peers\",\"private\":true}\n");
            List<String> cmd = new ArrayList<>(List.of(npm, "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", dir().toString(), name + "@" + version));
            Process p = new ProcessBuilder(cmd).directory(dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(dir().resolve("npm-install.log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("npm install " + name + "@" + version + " failed; see "
                        + dir().resolve("npm-install.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("npm install " + name + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted installing " + name, e);
        }
        return pkg;
    }

    private static String installedVersion(Path pkg) {
        try {
            String text = Files.readString(pkg.resolve("package.json"));
            var m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A published spec we did not write and do not copy into the repository: {@code fileName} from
     * the folder {@code BATON_SPECS_DIR} names, else from {@code ../shared/specs} beside the checkout.
     * No registry package carries these specs, so when neither holds the file the test is skipped
     * (reported as skipped by surefire) with a message naming the paths looked at.
     */
    public static Path spec(String fileName) {
        String override = System.getenv("BATON_SPECS_DIR");
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) candidates.add(Path.of(override).toAbsolutePath().resolve(fileName));
        candidates.add(repoRoot().resolveSibling("shared").resolve("specs").resolve(fileName));
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        Assumptions.abort("spec " + fileName + " not found (looked at " + String.join(", ",
                candidates.stream().map(Path::toString).toList()) + "); put it there or set BATON_SPECS_DIR to its folder");
        throw new AssertionError("unreachable");
    }

    /** An executable on PATH, or null. */
    public static String which(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }
}
