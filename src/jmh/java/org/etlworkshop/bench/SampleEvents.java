package org.etlworkshop.bench;

import org.etlworkshop.Progress;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.model.User;
import org.etlworkshop.scenario.DataGenerator;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.ScenarioCatalog;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;
import org.etlworkshop.transform.Transformer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The medium scenario's submissions and events, generated in memory (no database) for the benchmarks. */
final class SampleEvents {
    private SampleEvents() {
    }

    static List<SourceSubmission> submissions() {
        Scenario medium = new ScenarioCatalog(Path.of("scenarios")).load("medium");
        DataGenerator generator = new DataGenerator(medium);
        Map<UUID, DataGenerator.Form> forms = generator.forms().stream()
                .collect(Collectors.toMap(DataGenerator.Form::id, Function.identity()));
        Map<UUID, DataGenerator.User> users = generator.users().stream()
                .collect(Collectors.toMap(DataGenerator.User::id, Function.identity()));
        List<SourceSubmission> out = new ArrayList<>();
        for (Iterator<DataGenerator.Submission> it = generator.submissions(Progress.NONE); it.hasNext(); ) {
            DataGenerator.Submission s = it.next();
            DataGenerator.Form form = forms.get(s.formId());
            DataGenerator.User user = users.get(s.userId());
            out.add(new SourceSubmission(s.id(), s.createdAt(), s.responsesJson(), form.id(), form.name(), form.schema(),
                    user.id(), User.fullName(user.givenName(), user.familyName())));
        }
        return out;
    }

    static List<EventRow> events() {
        Transformer transformer = new Transformer(Instant.parse("2026-11-23T12:00:00Z"));
        List<EventRow> events = new ArrayList<>();
        for (SourceSubmission s : submissions()) {
            try {
                events.addAll(transformer.transform(s, EventFactory.ROWS, rejected -> { }));
            } catch (Transformer.RejectedSubmission ignored) {
                // malformed on purpose
            }
        }
        return events;
    }
}
