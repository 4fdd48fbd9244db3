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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Imports over HTTP from a real server on loopback (the JDK's): plain, gzip, chunked, a slow body,
 * a connection dropped mid-body, 404 and 403. A failed download loads nothing.
 */
class HttpImportTest {
    private static final int ROWS = 50_000;
    private static final CountDownLatch released = new CountDownLatch(1);
    private static HttpServer http;
    private static HttpServer elsewhere;
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
        http.createContext("/stalls.csv", ex -> {
            ex.sendResponseHeaders(200, csv.length); // promises the whole body, sends half, and keeps the connection open
            ex.getResponseBody().write(csv, 0, csv.length / 2);
            ex.getResponseBody().flush();
            hold(ex);
        });
        http.createContext("/stalls-chunked.csv", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(csv, 0, csv.length / 2);
            ex.getResponseBody().flush();
            hold(ex);
        });
        http.createContext("/moved-here.csv", ex -> redirect(ex, "/plain.csv?X-Amz-Signature=secret"));
        http.createContext("/moved-away.csv", ex -> redirect(ex, "http://127.0.0.2:" + elsewhere.getAddress().getPort()
                + "/plain.csv?X-Amz-Signature=other-secret"));
        http.createContext("/forbidden.csv", ex -> {
            ex.sendResponseHeaders(403, -1);
            ex.close();
        });
        http.setExecutor(Executors.newCachedThreadPool()); // a held response must not hold up the others
        http.start();
        // another host for the redirects: 127.0.0.2 is loopback too, but not the host the URL named
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        elsewhere.createContext("/plain.csv", ex -> send(ex, csv, false, false));
        elsewhere.start();
        pool = MoveDatabase.pool();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    /** Keeps a response open without sending anything more, until the tests end. */
    private static void hold(HttpExchange ex) {
        try {
            released.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.close();
    }

    @AfterAll
    static void stop() {
        released.countDown();
        elsewhere.stop(0);
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
        return download(path, Duration.ofSeconds(60), false);
    }

    private Importer.Result download(String path, Duration timeout, boolean followRedirectsAnywhere) {
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + path + "?X-Amz-Signature=secret";
        return Importer.run(Sources.of(url, null, timeout, followRedirectsAnywhere), pool, "public.downloaded",
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
    }

    @Test
    void aBodyThatStallsFailsAfterTheTimeoutAndLoadsNothing() {
        for (String path : List.of("/stalls.csv", "/stalls-chunked.csv")) {
            freshTable();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> download(path, Duration.ofSeconds(1), false))
                    .as(path).isInstanceOf(EtlException.class).hasMessageContaining("for 1 s (--timeout)")
                    .hasMessageContaining("nothing was loaded (rolled back)").hasMessageNotContaining("secret"));
            assertThat(rows()).as(path).isZero();
        }
    }

    @Test
    void aRedirectIsFollowedOnTheSameHostOnlyUnlessAllowedAnywhere() {
        assertThat(download("/moved-here.csv").rowsLoaded()).isEqualTo(ROWS);
        freshTable();
        assertThatThrownBy(() -> download("/moved-away.csv")).isInstanceOf(EtlException.class)
                .hasMessageContaining("redirects to another host (http://127.0.0.2:").hasMessageContaining("--follow-redirects")
                .hasMessageNotContaining("secret");
        assertThat(rows()).isZero();
        assertThat(download("/moved-away.csv", Duration.ofSeconds(60), true).rowsLoaded()).isEqualTo(ROWS);
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
