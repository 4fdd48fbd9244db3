package org.etlworkshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The cause of a file-system or JSON failure in one line of words. NIO's exceptions carry only the path as their
 * message ({@code AccessDeniedException: /x}), which tells a user where but not why.
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) { // Jackson's own message runs over several lines
            return (json instanceof StreamReadException ? "not valid JSON: " : "unexpected content: ")
                    + json.getOriginalMessage()
                    + (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ")");
        }
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            why = "not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file is in the way";
        } else if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason().toLowerCase(Locale.ROOT);
        } else {
            return String.valueOf(e.getMessage());
        }
        String where = ((FileSystemException) e).getFile();
        return where == null ? why : why + ": " + where;
    }
}
