package org.etlworkshop.move;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports over HTTP from a real server on loopback (the JDK's): plain, gzip, chunked, a slow body,
 * a connection dropped mid-body, 404 and 403. A failed download loads nothing.
 */
class HttpImportTest {
    private static final int ROWS = 50_000;
    private static HttpServer http;
    private static HikariDataSource pool;
    private static byte[] csv;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 1; i <= ROWS; i++) {
            text.append(i).append(",\"name ").append(i).append(", quoted\"\n");
        }
        csv = text.toString().getBytes(StandardCharsets.UTF_8);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/plain.csv", ex -> send(ex, csv, false, false));
        http.createContext("/events.csv.gz", ex -> send(ex, gzip(csv), false, false));
        http.createContext("/chunked.csv", ex -> send(ex, csv, true, false));
        http.createContext("/slow.csv", ex -> send(ex, csv, true, true));
        http.createContext("/dropped.csv", ex -> {
            ex.sendResponseHeaders(200, csv.length); // promises the whole body...
            OutputStream out = ex.getResponseBody();
            out.write(csv, 0, csv.length / 2); // ...and sends half
            out.flush();
            ex.getHttpContext().getServer();
            ex.close();
        });
        http.createContext("/forbidden.csv", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        http.start();
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        pool.close();
    }

    @BeforeEach
    void freshTable() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.downloaded", "CREATE TABLE public.downloaded (id int PRIMARY KEY, name text)");
    }

    private static void send(HttpExchange ex, byte[] body, boolean chunked, boolean slow) throws IOException {
        ex.sendResponseHeaders(200, chunked ? 0 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            int step = slow ? 64 * 1024 : body.length;
            for (int i = 0; i < body.length; i += step) {
                out.write(body, i, Math.min(step, body.length - i));
                out.flush();
                if (slow) {
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private Importer.Result download(String path) {
        URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path + "?X-Amz-Signature=secret");
        return Importer.run(new HttpSource(uri), pool, "public.downloaded",
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
    }

    private static long rows() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.downloaded");
    }

    @Test
    void plainGzipChunkedAndSlowBodiesAllLoadEveryRow() {
        for (String path : List.of("/plain.csv", "/events.csv.gz", "/chunked.csv", "/slow.csv")) {
            freshTable();
            Importer.Result r = download(path);
            assertThat(r.rowsLoaded()).as(path).isEqualTo(ROWS);
            assertThat(rows()).as(path).isEqualTo(ROWS);
            assertThat(r.source()).as("the pre-signed query string is never shown").doesNotContain("secret");
        }
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT name FROM public.downloaded WHERE id = 7")).containsExactly("name 7, quoted");
    }

    @Test
    void aConnectionDroppedMidBodyStopsTheImportAndLoadsNothing() {
        assertThatThrownBy(() -> download("/dropped.csv")).isInstanceOf(EtlException.class)
                .hasMessageContaining("stopped after").hasMessageContaining("nothing was loaded (rolled back)");
        assertThat(rows()).isZero();
    }

    @Test
    void notFoundAndForbiddenAreOneLineErrors() {
        assertThatThrownBy(() -> download("/missing.csv")).isInstanceOf(EtlException.class).hasMessageContaining("HTTP 404 (not found)");
        assertThatThrownBy(() -> download("/forbidden.csv")).isInstanceOf(EtlException.class)
                .hasMessageContaining("HTTP 403 (forbidden").hasMessageNotContaining("secret");
        assertThat(rows()).isZero();
    }
}
