package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where an export's bytes go: a file ({@link FileDestination}: a regular file appears under its
 * name only once complete; a FIFO or a device is written straight into), standard output, or an S3
 * object (a multipart upload, completed only when every byte is sent).
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
        return new FileDestination(Path.of(spec));
    }

    static EtlException cannotWrite(Destination destination, IOException e) {
        return new EtlException("cannot write " + destination.describe() + ": " + IoErrors.describe(e), e);
    }
}
