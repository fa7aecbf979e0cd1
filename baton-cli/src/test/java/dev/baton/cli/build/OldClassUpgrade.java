package dev.baton.cli.build;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step, run by Maven on the shaded CLI jar: rewrites the classes under one package prefix
 * that were compiled for Java 5 (class file version 49) as version 52 with stack map frames. The
 * JVM's start-up cache refuses classes older than version 50 and verifies them with the slow old
 * verifier, so picocli (built for Java 5) was loaded from the jar and verified on every start;
 * upgraded, its classes come from the cache. Only the class file version and frames change, not
 * the code. Arguments: the jar, the package prefix (e.g. {@code picocli/}).
 */
public final class OldClassUpgrade {

    private static final int FIRST_CACHEABLE = 50;

    private OldClassUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: OldClassUpgrade JAR PACKAGE_PREFIX");
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrade.tmp");
        int upgraded = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class") && major(bytes) < FIRST_CACHEABLE) {
                    bytes = upgrade(bytes);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (upgraded == 0) {
            Files.delete(tmp);
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The class at version 52 (Java 8) with frames computed, its code as it was. */
    static byte[] upgrade(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // no reader passed to the writer: methods must be rewritten, not copied, for frames to be computed
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
