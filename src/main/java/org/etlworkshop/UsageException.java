package org.etlworkshop;

/** The user asked for something that does not exist or is malformed (exit code 2). */
public class UsageException extends EtlException {
    public UsageException(String message) {
        super(message);
    }
}
