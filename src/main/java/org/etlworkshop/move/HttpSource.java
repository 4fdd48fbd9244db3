package org.etlworkshop.move;

import org.etlworkshop.EtlException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * An {@code http://} or {@code https://} URL, most often a pre-signed object-store URL. The body
 * is read as it arrives, with a read timeout on the socket: a body that stalls (half sent, then
 * silence on a kept-open connection) fails the read after {@code --timeout} instead of hanging,
 * and a body shorter than its Content-Length fails at its end; either stops and rolls back the
 * import. A redirect is followed only to the same host (and never from https down to http) unless
 * {@code --follow-redirects} allows any: a pre-signed URL should not send its reader elsewhere
 * unnoticed. Compression is recognised from the bytes (the import sniffs gzip). The query string,
 * a pre-signed URL's credential, is never shown.
 */
final class HttpSource implements Source {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 10;

    private final URI uri;
    private final Duration timeout;
    private final boolean followRedirectsAnywhere;
    private OptionalLong size = OptionalLong.empty();

    HttpSource(URI uri) {
        this(uri, DEFAULT_TIMEOUT, false);
    }

    HttpSource(URI uri, Duration timeout, boolean followRedirectsAnywhere) {
        this.uri = uri;
        this.timeout = timeout;
        this.followRedirectsAnywhere = followRedirectsAnywhere;
    }

    @Override
    public InputStream open() throws IOException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection;
            int status;
            try {
                connection = (HttpURLConnection) current.toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout((int) timeout.toMillis());
                connection.setReadTimeout((int) timeout.toMillis());
                status = connection.getResponseCode();
            } catch (SocketTimeoutException e) {
                throw new IOException(redacted(current) + " did not answer within " + seconds() + " (--timeout)");
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(redacted(current) + ": " + withoutQuery(String.valueOf(e.getMessage()), current));
            }
            if (status >= 300 && status < 400 && connection.getHeaderField("Location") != null) {
                URI next = current.resolve(connection.getHeaderField("Location"));
                connection.disconnect();
                if (!followRedirectsAnywhere && !sameHost(current, next)) {
                    throw new EtlException(redacted(current) + " redirects to another host (" + redacted(next)
                            + "); --follow-redirects allows it");
                }
                if (redirects == MAX_REDIRECTS) {
                    throw new EtlException(describe() + " redirects more than " + MAX_REDIRECTS + " times");
                }
                current = next;
                continue;
            }
            if (status != 200) {
                connection.disconnect();
                throw new EtlException(redacted(current) + " answered HTTP " + status
                        + (status == 403 ? " (forbidden: an expired or wrong pre-signed URL?)" : status == 404 ? " (not found)" : ""));
            }
            long length = connection.getContentLengthLong();
            size = length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
            return new Body(connection.getInputStream(), length, redacted(current), seconds());
        }
    }

    /** The same host and port, and no step down from https to http. */
    private static boolean sameHost(URI from, URI to) {
        return from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost()) && port(from) == port(to)
                && !("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme()));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private String seconds() {
        return timeout.toSeconds() + " s";
    }

    @Override
    public OptionalLong size() {
        return size;
    }

    @Override
    public String fileName() {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "download" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "download" : last;
    }

    @Override
    public String describe() {
        return redacted(uri);
    }

    /** {@code scheme://host/path}, with {@code ?…} where the query string was: it is a pre-signed URL's credential. */
    static String redacted(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?…");
    }

    /** A library's message with the URL in it, the query string left out. */
    private static String withoutQuery(String message, URI uri) {
        String query = uri.getRawQuery();
        return query == null ? message : message.replace("?" + query, "?…").replace(query, "…");
    }

    /** The body as it arrives: a stall longer than the timeout and a body cut short of its Content-Length are errors. */
    private static final class Body extends FilterInputStream {
        private final long length;
        private final String what;
        private final String timeout;
        private long read;

        Body(InputStream in, long length, String what, String timeout) {
            super(in);
            this.length = length;
            this.what = what;
            this.timeout = timeout;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, count);
            } catch (SocketTimeoutException e) {
                throw new IOException("nothing arrived from " + what + " for " + timeout + " (--timeout), after "
                        + String.format("%,d", read) + " bytes of its body");
            }
            if (n > 0) {
                read += n;
            } else if (n < 0 && length >= 0 && read < length) {
                throw new IOException(what + " ended its body after " + String.format("%,d of %,d", read, length)
                        + " bytes (Content-Length)");
            }
            return n;
        }
    }
}
