package org.concord.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File permissions for secrets: directories {@code rwx------}, files {@code rw-------}. Private
 * keys and the embedded database are written through here and nowhere else.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and parents) if needed and makes it readable by its owner only. */
    public static void restrictDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /**
     * Writes {@code content} to {@code file} so that it is never readable by others, not even for
     * a moment: the file is created with owner-only permissions, written, then moved into place.
     */
    public static void write(Path file, byte[] content) throws IOException {
        restrictDirectory(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix(file.toAbsolutePath().getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        }
        Files.write(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
