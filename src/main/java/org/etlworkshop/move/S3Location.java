package org.etlworkshop.move;

import org.etlworkshop.UsageException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code s3://bucket/key}, and how to reach the store it lives in. */
public record S3Location(String bucket, String key) {

    static S3Location parse(String spec) {
        String rest = spec.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new UsageException("an S3 location looks like s3://bucket/key, got " + spec);
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * The S3 client, made only when an {@code s3://} location is used. Credentials come from the
     * SDK's standard chain (environment, profile, instance role); {@code endpoint}, for an
     * S3-compatible store (MinIO, S3Proxy, a cloud's own), also switches to path-style addressing.
     */
    public record Client(Optional<URI> endpoint, Duration timeout) {
        public Client(Optional<URI> endpoint) {
            this(endpoint, HttpSource.DEFAULT_TIMEOUT);
        }

        public static Client standard() {
            return new Client(Optional.empty());
        }

        S3Client create() {
            // a read timeout on the socket: an object's body that stalls fails the import instead of hanging it
            var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.builder()
                    .socketTimeout(timeout).connectionTimeout(timeout).build());
            Region region;
            try {
                region = new DefaultAwsRegionProviderChain().getRegion();
            } catch (RuntimeException noRegionConfigured) {
                region = Region.US_EAST_1; // what an S3-compatible store accepts; AWS redirects or names the right one
            }
            builder.region(region);
            // S3-compatible stores: path-style addresses, and checksums only where the protocol requires them
            // (the SDK's newer default, a trailing CRC on every upload, is refused by many of them).
            endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
            return builder.build();
        }
    }
}
