package org.etlworkshop.move;

import org.etlworkshop.EtlException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * An {@code http://} or {@code https://} URL, most often a pre-signed object-store URL. The body
 * is read as it arrives; a dropped connection or a body shorter than its Content-Length surfaces as
 * an {@code IOException} from the stream, which stops and rolls back the import. Compression is
 * recognised from the bytes (the import sniffs gzip), not from {@code Content-Encoding}.
 */
final class HttpSource implements Source {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();

    private final URI uri;
    private OptionalLong size = OptionalLong.empty();

    HttpSource(URI uri) {
        this.uri = uri;
    }

    @Override
    public InputStream open() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + describe(), e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new EtlException(describe() + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 403 ? " (forbidden: an expired or wrong pre-signed URL?)"
                    : response.statusCode() == 404 ? " (not found)" : ""));
        }
        size = response.headers().firstValueAsLong("Content-Length");
        return response.body();
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
        // a pre-signed URL's query string is its credential: never printed
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
    }
}
