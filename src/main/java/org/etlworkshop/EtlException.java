package org.etlworkshop;

/**
 * A failure the user can understand and act on: printed as one line, exit code 1, no stack trace.
 * Bugs are anything else; they keep their stack trace (shown with {@code --verbose}).
 */
public class EtlException extends RuntimeException {
    public EtlException(String message) {
        super(message);
    }

    public EtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
