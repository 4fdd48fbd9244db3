package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A local file, or standard input for {@code -}. */
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
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no file " + spec + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        return new FileSource(file);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public OptionalLong size() {
        try {
            return OptionalLong.of(Files.size(file));
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
