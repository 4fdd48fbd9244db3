package org.etlworkshop.transform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.etlworkshop.Json;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.model.Timestamptz;
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
 * <li>A value must fit its question's type ({@link AnswerTypes}); one that does not is a rejected
 *     answer, with its path and reason, and the submission's other answers load.</li>
 * <li>Unanswered questions (absent or JSON null), keys the schema does not know, arrays, and objects
 *     where a question stands produce nothing.</li>
 * <li>A submission whose {@code responses} is not a JSON object, cannot be read, or holds text
 *     PostgreSQL cannot store (NUL), whose form's schema cannot be used, or whose time cannot be
 *     written by every processor ({@link Timestamptz#uncarriable}) is rejected whole: no partial events.</li>
 * </ul>
 *
 * It reads the JSON with Jackson's streaming parser: no tree is built, and a number's text is
 * available as written, which a parsed {@code double} would lose. The parser takes whatever
 * PostgreSQL's {@code jsonb} takes ({@link Json#FACTORY} lifts Jackson's size limits).
 */
public final class Transformer {
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

    /**
     * One submission's events. Answers that do not fit their question's type go to
     * {@code rejectedAnswers}, once the whole submission has been read (a submission rejected whole
     * reports nothing else).
     */
    public <E> List<E> transform(SourceSubmission submission, EventFactory<E> factory, Consumer<Rejection> rejectedAnswers)
            throws RejectedSubmission {
        try (JsonParser parser = Json.FACTORY.createParser(submission.responsesJson())) {
            return transform(submission, parser, factory, rejectedAnswers);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The same from any token stream over the answers, e.g. a Jackson tree's {@code traverse()}
     * when the JSON was parsed elsewhere (the benchmarks use it to tell parsing from the walk).
     * {@code submission.responsesJson()} is not read.
     */
    public <E> List<E> transform(SourceSubmission submission, JsonParser parser, EventFactory<E> factory,
                                 Consumer<Rejection> rejectedAnswers) throws RejectedSubmission {
        if (submission.formSchema() == null) {
            throw new RejectedSubmission(submission.formProblem());
        }
        String time = Timestamptz.uncarriable(submission.createdAt());
        if (time != null) {
            throw new RejectedSubmission(time);
        }
        Walk<E> walk = new Walk<>(submission, factory);
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedSubmission("responses is " + describe(first) + ", not a JSON object");
            }
            walk.group(parser, submission.formSchema().root());
        } catch (IOException e) {
            throw unreadable(e);
        }
        walk.misfits.forEach(rejectedAnswers);
        return walk.events;
    }

    /** One submission's walk: the events found so far and the answers that did not fit. */
    private final class Walk<E> {
        private final SourceSubmission submission;
        private final EventFactory<E> factory;
        private final List<E> events = new ArrayList<>();
        private final List<Rejection> misfits = new ArrayList<>(0);

        Walk(SourceSubmission submission, EventFactory<E> factory) {
            this.submission = submission;
            this.factory = factory;
        }

        /** The parser stands on the START_OBJECT of {@code group}'s answers; consumes through its END_OBJECT. */
        void group(JsonParser parser, FormSchema.Node group) throws IOException, RejectedSubmission {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                FormSchema.Node node = group.child(parser.currentName());
                JsonToken value = parser.nextToken();
                if (node == null || value == JsonToken.START_ARRAY) {
                    parser.skipChildren(); // unknown key, or an array: not an answer
                } else if (value == JsonToken.START_OBJECT) {
                    if (node.isQuestion()) {
                        parser.skipChildren(); // an object where a question expects a scalar
                    } else {
                        group(parser, node);
                    }
                } else if (value != JsonToken.VALUE_NULL && node.isQuestion()) {
                    answer(node.question(), value, parser.getText());
                }
            }
        }

        private void answer(FormSchema.Question question, JsonToken token, String text) throws RejectedSubmission {
            if (text.indexOf('\0') >= 0) {
                throw new RejectedSubmission("the answer to " + question.path()
                        + " contains the NUL character (U+0000), which PostgreSQL text cannot store");
            }
            String misfit = AnswerTypes.misfit(question.answerType(), token, text);
            if (misfit == null) {
                events.add(factory.create(submission, question, text, processedOn));
            } else {
                misfits.add(Rejection.answer(submission.id(), question.path(), text,
                        misfit + " at a " + question.answerType().sqlName() + " question"));
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
