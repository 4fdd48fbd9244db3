package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sources a user names that are not plain files or URLs: a FIFO, process substitution, an S3 store without credentials. */
class SourcesTest {
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void aFifoIsReadAsAStreamLikeProcessSubstitution() throws Exception {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.piped", "CREATE TABLE public.piped (id int PRIMARY KEY, name text)");
        Path fifo = dir.resolve("rows.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(fifo, "id,name\n1,through a pipe\n2,\"and, quoted\"\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Source source = Sources.of(fifo.toString(), null);
        assertThat(source.size()).isEmpty();
        Importer.Result r = Importer.run(source, pool, "public.piped",
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
        writer.get();
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT name FROM public.piped ORDER BY id"))
                .containsExactly("through a pipe", "and, quoted");
    }

    @Test
    void noS3CredentialsIsOneShortLine() {
        Map<String, String> saved = new HashMap<>();
        Map<String, String> settings = Map.of("aws.accessKeyId", "", "aws.secretAccessKey", "", "aws.disableEc2Metadata", "true",
                "aws.sharedCredentialsFile", dir.resolve("none").toString(), "aws.configFile", dir.resolve("none").toString(),
                "aws.region", "us-east-1");
        settings.forEach((name, value) -> {
            saved.put(name, System.getProperty(name));
            if (value.isEmpty()) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        try {
            S3Location.Client client = new S3Location.Client(Optional.of(URI.create("http://127.0.0.1:9")), Duration.ofSeconds(2));
            assertThatThrownBy(() -> Sources.of("s3://bucket/key.csv", client).open()).isInstanceOf(EtlException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).startsWith("cannot read s3://bucket/key.csv: no AWS credentials found")
                                .doesNotContain("\n");
                        assertThat(e.getMessage().length()).isLessThan(250);
                    });
        } finally {
            saved.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
        String sdkMessage = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()]) : "
                + "[SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. ".repeat(10) + "]";
        assertThat(S3Errors.describe(SdkClientException.create(sdkMessage))).startsWith("no AWS credentials found").hasSizeLessThan(200);
        assertThat(S3Errors.describe(SdkClientException.create("x".repeat(5000) + "\nmore"))).hasSizeLessThanOrEqualTo(201);
    }
}
