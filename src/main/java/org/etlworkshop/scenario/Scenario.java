package org.etlworkshop.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated data set, read from {@code scenarios/<name>.json}: which form schemas, how many forms,
 * users and submissions, the random seed, and how messy the answers are. The same scenario and
 * seed always give byte-identical {@code app.*} contents.
 *
 * @param schemas           the form schemas, in file order; forms cycle through them
 * @param formCount         how many forms to create (at least one per schema unless there are fewer)
 * @param hostileTextShare  share of text answers made of quotes, commas, backslashes, tabs, newlines, CJK, emoji
 * @param unansweredShare   share of questions left unanswered (absent or JSON null)
 * @param extraKeyShare     share of submissions carrying keys that are not in the schema
 * @param malformedShare    share of submissions whose {@code responses} is not a JSON object at all
 * @param fingerprint       hash of the scenario file, its schema files and the generator version:
 *                          a template whose fingerprint differs is regenerated
 */
public record Scenario(String name, Path file, String description, long seed, List<FormSchema> schemas, int formCount,
                       int users, int submissions, double hostileTextShare, double unansweredShare,
                       double extraKeyShare, double malformedShare, String fingerprint) {

    /** Roughly how many events the scenario yields, for listings: each answered question is one event. */
    public long estimatedEvents() {
        double questionsPerForm = schemas.stream().mapToInt(s -> s.questions().size()).average().orElse(0);
        return Math.round(submissions * (1 - malformedShare) * questionsPerForm * (1 - unansweredShare));
    }
}
