package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * s3:// sources and destinations against a real S3-protocol server in this JVM (S3Proxy with its
 * in-memory backend), reached through the AWS SDK with credentials from its standard chain, as a
 * user's bucket would be.
 */
class S3ImportExportTest {
    private static final String BUCKET = "exports";
    private static S3Proxy proxy;
    private static S3Location.Client client;
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        BlobStoreContext store = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access-key", "test-secret-key").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        // the SDK's standard chain reads these, as it reads a user's environment or profile
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        System.setProperty("aws.region", "us-east-1");
        client = new S3Location.Client(Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())));
        try (S3Client s3 = client.create()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key("in/people.csv.gz"), RequestBody.fromBytes(gzip("id,name\n1,ann\n2,\"b, c\"\n")));
        }
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        proxy.stop();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private Importer.Result load(String spec) {
        return Importer.run(Sources.of(spec, client), pool, "public.s3people",
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
    }

    @Test
    void anObjectIsStreamedIntoCopyAndAnExportGoesBackAsAMultipartUpload() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.s3people", "CREATE TABLE public.s3people (id int PRIMARY KEY, name text)");
        Importer.Result in = load("s3://" + BUCKET + "/in/people.csv.gz");
        assertThat(in.rowsLoaded()).isEqualTo(2);
        assertThat(in.format()).isEqualTo(Format.CSV);

        Exporter.run(pool, "public.s3people", null, Format.CSV, true, Destination.of("s3://" + BUCKET + "/out/people.csv.gz", client),
                Importer.Progress.NONE);
        MoveDatabase.execute("TRUNCATE public.s3people");
        assertThat(load("s3://" + BUCKET + "/out/people.csv.gz").rowsLoaded()).isEqualTo(2);
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id || ':' || name FROM public.s3people ORDER BY id"))
                .containsExactly("1:ann", "2:b, c");
    }

    @Test
    void aMissingObjectIsAOneLineError() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.s3people", "CREATE TABLE public.s3people (id int PRIMARY KEY, name text)");
        assertThatThrownBy(() -> load("s3://" + BUCKET + "/no/such.csv")).isInstanceOf(EtlException.class)
                .hasMessageContaining("no object s3://exports/no/such.csv");
    }
}
