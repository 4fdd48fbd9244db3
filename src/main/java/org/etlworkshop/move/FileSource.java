package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A local file, or standard input for {@code -}. A FIFO, a device or a shell's process substitution
 * ({@code <(gunzip -c x.gz)}, which the program sees as {@code /dev/fd/63}) is read as a stream like
 * standard input: its size is unknown, and it is read once.
 */
final class FileSource implements Source {
    private final Path file;

    FileSource(Path file) {
        this.file = file;
    }

    static Source of(String spec) {
        if (spec.equals("-")) {
            return new StandardInput();
        }
        Path file = Path.of(spec);
        if (Files.isDirectory(file)) {
            throw new UsageException(spec + " is a directory: give a file");
        }
        if (!Files.exists(file)) {
            throw new UsageException("no file " + spec);
        }
        return new FileSource(file); // a regular file, or a FIFO, a device, a shell's <(...): all read as a stream
    }

    @Override
    public InputStream open() throws IOException {
        // Files.newInputStream's available() seeks, which a FIFO refuses ("Illegal seek"); FileInputStream asks the pipe
        return Files.isRegularFile(file) ? Files.newInputStream(file) : new FileInputStream(file.toFile());
    }

    @Override
    public OptionalLong size() {
        try {
            return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String fileName() {
        return file.getFileName().toString();
    }

    @Override
    public String describe() {
        return file.toString();
    }

    private static final class StandardInput implements Source {
        @Override
        public InputStream open() {
            return System.in;
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.empty();
        }

        @Override
        public String fileName() {
            return "stdin";
        }

        @Override
        public String describe() {
            return "standard input";
        }
    }
}
