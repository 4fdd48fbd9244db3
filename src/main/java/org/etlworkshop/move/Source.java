package org.etlworkshop.move;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Where an import's bytes come from: a file, standard input, an HTTP(S) URL or an S3 object. Opened
 * once and read as a stream; nothing is downloaded or copied to a temporary file first.
 */
public interface Source {

    /** The bytes as they arrive (still compressed if the source is). */
    InputStream open() throws IOException;

    /** The size in bytes when the source knows it (a file, a Content-Length, an S3 object), for the progress bar. */
    OptionalLong size();

    /** The last part of its name, e.g. {@code events.csv.gz}: the rejects files are named after it. */
    String fileName();

    /** For messages, e.g. {@code https://host/events.csv.gz}. */
    String describe();
}
