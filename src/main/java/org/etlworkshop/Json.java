package org.etlworkshop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The project's one Jackson mapper, for the files it reads and writes (catalogs, scenarios,
 * profiles, ceilings). Output is indented for people; unknown fields are ignored when records are
 * read back, so newer files stay readable by older code; the catalogs check their fields themselves.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
