package org.etlworkshop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The project's one Jackson mapper, for the files it reads and writes (catalogs, scenarios,
 * profiles, ceilings). Output is indented for people; unknown fields are ignored when records are
 * read back, so newer files stay readable by older code; the catalogs check their fields themselves.
 */
public final class Json {
    /**
     * Jackson's default read limits (nesting 1,000, numbers of 1,000 digits, names of 50,000
     * characters, strings of 20 MB) refuse documents that PostgreSQL's {@code jsonb} holds; lifted,
     * so what the database accepts is read.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .maxTokenCount(-1)
                    .build())
            .build();

    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
