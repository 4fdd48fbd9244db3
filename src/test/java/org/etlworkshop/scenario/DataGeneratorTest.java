package org.etlworkshop.scenario;

import org.etlworkshop.Progress;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataGeneratorTest {
    private static final String CONTENTS = """
            select (select md5(string_agg(f::text, E'\\n' order by f.id)) from app.forms f)
                || (select md5(string_agg(u::text, E'\\n' order by u.id)) from app.users u)
                || (select md5(string_agg(s::text, E'\\n' order by s.id)) from app.submissions s)""";

    @Test
    void theSameScenarioAndSeedGiveIdenticalContents() {
        Scenario small = TestDatabase.shippedScenarios().load("small");
        Templates templates = new Templates(TestDatabase.databases());
        templates.ensureGenerated(small, true, Progress.NONE);
        List<String> first = TestDatabase.rows(Databases.templateName("small"), CONTENTS);
        templates.ensureGenerated(small, true, Progress.NONE);
        List<String> second = TestDatabase.rows(Databases.templateName("small"), CONTENTS);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesOtherData() {
        Scenario small = TestDatabase.shippedScenarios().load("small");
        Scenario reseeded = new Scenario("small-reseeded", small.file(), "", small.seed() + 1, small.schemas(),
                small.formCount(), small.users(), small.submissions(), small.hostileTextShare(), small.unansweredShare(),
                small.extraKeyShare(), small.malformedShare(), "reseeded");
        DataGenerator a = new DataGenerator(small), b = new DataGenerator(reseeded);
        assertThat(a.submission(0).responsesJson()).isNotEqualTo(b.submission(0).responsesJson());
        assertThat(a.users()).isNotEqualTo(b.users());
    }

    @Test
    void generatedDataIsMessyTheWayRealExportsAre() {
        TestDatabase.generated(TestDatabase.shippedScenarios(), "medium");
        String db = Databases.templateName("medium");
        assertThat(TestDatabase.count(db, "select count(*) from app.submissions")).isEqualTo(320);
        assertThat(TestDatabase.count(db, "select count(*) from app.users")).isEqualTo(2);
        assertThat(TestDatabase.count(db, "select count(*) from app.forms")).isEqualTo(3);
        // hostile text: quotes, backslashes, newlines, CJK and emoji survive the COPY into jsonb
        String allText = "select string_agg(responses::text, ' ') from app.submissions";
        String text = TestDatabase.rows(db, allText).get(0);
        assertThat(text).contains("\\\"it hurts\\\"", "C:\\\\Users", "\\n", "患者", "🤒", "\\\\N");
        // unanswered (explicit null), extra keys and arrays, and submissions that are not objects at all
        assertThat(text).contains(": null", "\"_export\"", "\"legacy_code\"", "[\"scan-");
        assertThat(TestDatabase.count(db, "select count(*) from app.submissions where jsonb_typeof(responses) <> 'object'"))
                .isPositive();
        // numbers keep their written scale in the stored document
        assertThat(TestDatabase.count(db, "select count(*) from app.submissions where responses::text ~ '\\d\\.\\d0[,}]'"))
                .isPositive();
    }

    @Test
    void anUpToDateTemplateIsReusedNotRegenerated() {
        Scenario small = TestDatabase.generated(TestDatabase.shippedScenarios(), "small");
        Templates templates = new Templates(TestDatabase.databases());
        assertThat(templates.isUpToDate(small)).isTrue();
        assertThat(templates.ensureGenerated(small, false, Progress.NONE)).isEmpty();
    }
}
