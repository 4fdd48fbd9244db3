package org.etlworkshop.setup;

import java.util.Optional;

/**
 * What one check of {@code etl doctor} found.
 *
 * @param piece    what was checked, e.g. "Java" or "psql"
 * @param required whether the workshop cannot run without it (the others make it nicer)
 * @param present  whether it is there and works
 * @param detail   what was found, or what is wrong, in one line
 * @param fix      the command (on this platform) that puts a missing piece in place
 */
public record Finding(String piece, boolean required, boolean present, String detail, Optional<String> fix) {

    static Finding ok(String piece, boolean required, String detail) {
        return new Finding(piece, required, true, detail, Optional.empty());
    }

    static Finding missing(String piece, boolean required, String detail, String fix) {
        return new Finding(piece, required, false, detail, Optional.of(fix));
    }
}
