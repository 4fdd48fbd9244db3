package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.BufferedOutputStream;

/**
 * Where an export's bytes go: a file (written beside as {@code FILE.partial} and renamed when
 * complete, so a failed export never leaves a truncated file under the real name), standard
 * output, or an S3 object (a multipart upload, completed only when every byte is sent).
 */
public interface Destination {

    /** The stream to write to; {@link Sink#finish()} publishes what was written, {@code close()} alone discards it. */
    Sink open() throws IOException;

    String describe();

    abstract class Sink extends FilterOutputStream {
        Sink(OutputStream out) {
            super(out);
        }

        /** Makes the written bytes the destination's content. */
        public abstract void finish() throws IOException;
    }

    static Destination of(String spec, S3Location.Client s3) {
        if (spec.equals("-")) {
            return new Destination() {
                @Override
                public Sink open() {
                    return new Sink(System.out) {
                        @Override
                        public void finish() throws IOException {
                            out.flush();
                        }

                        @Override
                        public void close() throws IOException {
                            out.flush(); // never close standard output
                        }
                    };
                }

                @Override
                public String describe() {
                    return "standard output";
                }
            };
        }
        if (spec.startsWith("s3://")) {
            return new S3Upload(S3Location.parse(spec), s3);
        }
        Path file = Path.of(spec);
        return new Destination() {
            @Override
            public Sink open() throws IOException {
                if (Files.isDirectory(file)) {
                    throw new EtlException(file + " is a directory: give a file name");
                }
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

            @Override
            public String describe() {
                return file.toString();
            }
        };
    }

    static EtlException cannotWrite(Destination destination, IOException e) {
        return new EtlException("cannot write " + destination.describe() + ": " + IoErrors.describe(e), e);
    }
}
