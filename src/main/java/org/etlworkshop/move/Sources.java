package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code SOURCE} as the user writes it: a path, {@code -}, an http(s) URL or {@code s3://bucket/key}. */
public final class Sources {
    private Sources() {
    }

    public static Source of(String spec, S3Location.Client s3) {
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            try {
                return new HttpSource(new URI(spec));
            } catch (URISyntaxException e) {
                throw new UsageException("not a URL: " + spec + " (" + e.getReason() + ")");
            }
        }
        if (spec.startsWith("s3://")) {
            return new S3Source(S3Location.parse(spec), s3);
        }
        return FileSource.of(spec);
    }
}
