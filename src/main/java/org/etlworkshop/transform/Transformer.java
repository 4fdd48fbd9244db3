package org.etlworkshop.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.scenario.FormSchema;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one submission into its response events: walks the nested {@code responses} object and
 * the form's schema side by side, and emits one event per scalar answer whose path is a question.
 *
 * <ul>
 * <li>Values are the text of the stored JSON: strings as they are, numbers exactly as written
 *     ({@code 1.50} stays {@code 1.50}), booleans {@code true}/{@code false}.</li>
 * <li>Unanswered questions (absent or JSON null), keys the schema does not know, and arrays produce nothing.</li>
 * <li>A submission whose {@code responses} is not a JSON object, cannot be read, or holds text
 *     PostgreSQL cannot store (NUL) is rejected whole: no partial events.</li>
 * </ul>
 *
 * It reads the JSON with Jackson's streaming parser: no tree is built, and a number's text is
 * available as written, which a parsed {@code double} would lose.
 */
public final class Transformer {
    private static final JsonFactory JSON = new JsonFactory();

    private final Instant processedOn;

    /** @param processedOn the run's timestamp, the same for every event of a run */
    public Transformer(Instant processedOn) {
        this.processedOn = processedOn;
    }

    public Instant processedOn() {
        return processedOn;
    }

    /** Thrown for a submission that cannot be transformed; carries the reason for the reject record. */
    public static final class RejectedSubmission extends Exception {
        RejectedSubmission(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The events of every submission, transformed as the loader pulls them, one submission at a
     * time. A submission that cannot be transformed goes to {@code rejections}; the stream goes on.
     */
    public <E> Iterator<E> events(Iterator<SourceSubmission> submissions, EventFactory<E> factory,
                                  Consumer<Rejection> rejections) {
        return new EventStream<>(submissions, this, factory, rejections);
    }

    public <E> List<E> transform(SourceSubmission submission, EventFactory<E> factory) throws RejectedSubmission {
        try (JsonParser parser = JSON.createParser(submission.responsesJson())) {
            return transform(submission, parser, factory);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The same from any token stream over the answers, e.g. a Jackson tree's {@code traverse()}
     * when the JSON was parsed elsewhere (the benchmarks use it to tell parsing from the walk).
     * {@code submission.responsesJson()} is not read.
     */
    public <E> List<E> transform(SourceSubmission submission, JsonParser parser, EventFactory<E> factory)
            throws RejectedSubmission {
        List<E> events = new ArrayList<>();
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedSubmission("responses is " + describe(first) + ", not a JSON object");
            }
            walk(parser, submission.formSchema().root(), submission, factory, events);
        } catch (IOException e) {
            throw unreadable(e);
        }
        return events;
    }

    /** The parser stands on the START_OBJECT of {@code group}'s answers; consumes through its END_OBJECT. */
    private <E> void walk(JsonParser parser, FormSchema.Node group, SourceSubmission submission, EventFactory<E> factory,
                          List<E> events) throws IOException, RejectedSubmission {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            FormSchema.Node node = group.child(parser.currentName());
            JsonToken value = parser.nextToken();
            if (node == null || value == JsonToken.START_ARRAY) {
                parser.skipChildren(); // unknown key, or an array: not an answer
            } else if (value == JsonToken.START_OBJECT) {
                if (node.isQuestion()) {
                    parser.skipChildren(); // an object where a question expects a scalar
                } else {
                    walk(parser, node, submission, factory, events);
                }
            } else if (value != JsonToken.VALUE_NULL && node.isQuestion()) {
                String text = parser.getText();
                if (text.indexOf('\0') >= 0) {
                    throw new RejectedSubmission("the answer to " + node.question().path()
                            + " contains the NUL character (U+0000), which PostgreSQL text cannot store");
                }
                events.add(factory.create(submission, node.question(), text, processedOn));
            }
        }
    }

    private static RejectedSubmission unreadable(IOException e) {
        return new RejectedSubmission("responses cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "empty";
        }
        return switch (token) {
            case START_ARRAY -> "a JSON array";
            case VALUE_STRING -> "a JSON string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
            case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
            case VALUE_NULL -> "JSON null";
            default -> "not JSON";
        };
    }
}
