package org.etlworkshop.move;

import org.etlworkshop.EtlException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An export into a path. A regular file (or a name that does not exist yet) is written beside as
 * {@code FILE.partial} and renamed over the name once complete, so a failed export never leaves a
 * truncated file under the real name; through a symbolic link, the file it points to is the one
 * replaced, and the link stays. Anything else (a FIFO with a reader, a device such as
 * {@code /dev/null}, {@code /dev/stdout}) is written straight into: renaming a file over it would
 * replace the FIFO or the device node with a plain file.
 */
final class FileDestination implements Destination {
    private final Path path;

    FileDestination(Path path) {
        this.path = path;
    }

    @Override
    public Sink open() throws IOException {
        if (Files.isDirectory(path)) {
            throw new EtlException(path + " is a directory: give a file name");
        }
        if (isStream(path)) {
            return new Sink(new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE), 1 << 16)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void finish() throws IOException {
                    out.close();
                }
            };
        }
        Path file = regularFileBehind(path);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        return new Sink(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            private boolean finished;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void finish() throws IOException {
                out.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                finished = true;
            }

            @Override
            public void close() throws IOException {
                if (!finished) {
                    out.close();
                    Files.deleteIfExists(partial);
                }
            }
        };
    }

    /**
     * Something that exists and is neither a regular file nor a directory (followed through links),
     * or a path under /dev (but /dev/shm) or /proc: {@code /dev/stdout} leads to whatever the shell
     * opened, a file included, and a file renamed over that would never reach the shell's reader.
     */
    private static boolean isStream(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if ((absolute.startsWith("/dev") && !absolute.startsWith("/dev/shm")) || absolute.startsWith("/proc")) {
            return true;
        }
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    /** The path itself, or the file its symbolic link (chain) points to, existing or not. */
    private static Path regularFileBehind(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == 40) {
                throw new EtlException(path + ": too many levels of symbolic links");
            }
            Path target = Files.readSymbolicLink(current);
            Path parent = current.toAbsolutePath().getParent();
            current = parent == null ? target : parent.resolve(target);
        }
        return current;
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
