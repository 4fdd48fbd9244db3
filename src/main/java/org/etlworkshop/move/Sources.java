package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** {@code SOURCE} as the user writes it: a path, {@code -}, an http(s) URL or {@code s3://bucket/key}. */
public final class Sources {
    private Sources() {
    }

    public static Source of(String spec, S3Location.Client s3) {
        return of(spec, s3, HttpSource.DEFAULT_TIMEOUT, false);
    }

    /**
     * @param timeout                 how long a network body may stall (and a connection take) before the import fails
     * @param followRedirectsAnywhere follow an HTTP redirect to another host too ({@code --follow-redirects})
     */
    public static Source of(String spec, S3Location.Client s3, Duration timeout, boolean followRedirectsAnywhere) {
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            try {
                return new HttpSource(new URI(spec), timeout, followRedirectsAnywhere);
            } catch (URISyntaxException e) {
                int query = spec.indexOf('?');
                throw new UsageException("not a URL: " + (query < 0 ? spec : spec.substring(0, query) + "?…")
                        + " (" + e.getReason() + ")");
            }
        }
        if (spec.startsWith("s3://")) {
            return new S3Source(S3Location.parse(spec), s3);
        }
        return FileSource.of(spec);
    }
}
