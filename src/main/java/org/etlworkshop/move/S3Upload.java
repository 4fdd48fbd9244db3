package org.etlworkshop.move;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An export streamed to S3 as a multipart upload: 8 MiB parts sent as they fill (memory: one part),
 * completed at the end, aborted on failure so no partial object appears.
 */
final class S3Upload implements Destination {
    private static final int PART_BYTES = 8 << 20; // S3's minimum part is 5 MiB

    private final S3Location location;
    private final S3Location.Client clientConfig;

    S3Upload(S3Location location, S3Location.Client clientConfig) {
        this.location = location;
        this.clientConfig = clientConfig;
    }

    @Override
    public Sink open() throws IOException {
        S3Client client = clientConfig.create();
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder()
                    .bucket(location.bucket()).key(location.key()).build()).uploadId();
        } catch (SdkException e) {
            client.close();
            throw new IOException("cannot start the upload to " + location + ": " + S3Errors.describe(e), e);
        }
        ByteArrayOutputStream part = new ByteArrayOutputStream(PART_BYTES + (1 << 16));
        List<CompletedPart> parts = new ArrayList<>();
        return new Sink(part) {
            private boolean finished;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                part.write(b, off, len);
                if (part.size() >= PART_BYTES) {
                    send();
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            private void send() throws IOException {
                int number = parts.size() + 1;
                try {
                    String etag = client.uploadPart(UploadPartRequest.builder().bucket(location.bucket()).key(location.key())
                            .uploadId(uploadId).partNumber(number).build(), RequestBody.fromBytes(part.toByteArray())).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                } catch (SdkException e) {
                    throw new IOException("uploading part " + number + " to " + location + " failed: " + S3Errors.describe(e), e);
                }
                part.reset();
            }

            @Override
            public void finish() throws IOException {
                if (part.size() > 0 || parts.isEmpty()) {
                    send();
                }
                try {
                    client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                } catch (SdkException e) {
                    throw new IOException("completing the upload to " + location + " failed: " + S3Errors.describe(e), e);
                }
                finished = true;
            }

            @Override
            public void close() {
                try {
                    if (!finished) {
                        client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId));
                    }
                } catch (SdkException ignored) {
                    // the store drops incomplete uploads by its lifecycle rules
                } finally {
                    client.close();
                }
            }
        };
    }

    @Override
    public String describe() {
        return location.toString();
    }
}
