package org.etlworkshop.move;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The AWS SDK's failures in one short line. Its own messages can run to pages: with no credentials
 * anywhere, it lists every provider of its chain and why each one failed (about 1,500 characters).
 */
final class S3Errors {
    private static final int LONGEST = 200;

    private S3Errors() {
    }

    static String describe(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with "
                    + "~/.aws/credentials, or run where an instance role applies)";
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage() + " (HTTP " + service.statusCode() + ")";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() <= LONGEST ? line : line.substring(0, LONGEST) + "…";
    }
}
