package org.etlworkshop.scenario;

import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormSchemaTest {

    @Test
    void schemaPathsStartBelowTheFormNode() {
        FormSchema schema = FormSchema.parse("test", """
                {"slug": "intake", "children": [
                  {"slug": "main", "children": [
                    {"slug": "first_name", "answerType": "text", "tag": "pii"},
                    {"slug": "vitals", "children": [{"slug": "bp", "children": [{"slug": "systolic", "answerType": "number"}]}]}]},
                  {"slug": "consent", "answerType": "boolean"}]}""");
        assertThat(schema.questions()).extracting(FormSchema.Question::path)
                .containsExactly("main.first_name", "main.vitals.bp.systolic", "consent");
        assertThat(schema.questions().get(0).tag()).isEqualTo("pii");
        assertThat(schema.questions().get(1).answerType()).isEqualTo(AnswerType.NUMBER);
    }

    @Test
    void twoQuestionsAtTheSamePathAreRefusedNamingThePath() {
        assertThatThrownBy(() -> FormSchema.parse("dup.json", """
                {"slug": "f", "children": [{"slug": "main", "children": [
                  {"slug": "age", "answerType": "number"}, {"slug": "age", "answerType": "text"}]}]}"""))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("dup.json").hasMessageContaining("'main.age'");
    }

    @Test
    void anUnknownAnswerTypeListsTheValidOnes() {
        assertThatThrownBy(() -> FormSchema.parse("t.json", """
                {"slug": "f", "children": [{"slug": "q", "answerType": "float"}]}"""))
                .hasMessageContaining("'q' has answerType 'float'; valid: number, text, boolean, date");
    }

    @Test
    void aNodeMustBeAQuestionOrAGroup() {
        assertThatThrownBy(() -> FormSchema.parse("t.json", "{\"slug\": \"f\", \"children\": [{\"slug\": \"q\"}]}"))
                .hasMessageContaining("'q' needs an 'answerType'");
        assertThatThrownBy(() -> FormSchema.parse("t.json", "{\"slug\": \"f\", \"children\": [{\"answerType\": \"text\"}]}"))
                .hasMessageContaining("needs a 'slug'");
    }

    @Test
    void shippedSchemasAreDeepAndUseEveryAnswerTypeAndSomeTags() {
        for (String name : new String[]{"patient-intake", "wellbeing-check", "lifestyle"}) {
            FormSchema schema = TestSchemas.shipped(name);
            assertThat(schema.questions()).extracting(q -> q.answerType())
                    .as(name).contains(AnswerType.values());
            assertThat(schema.questions()).as(name).anyMatch(q -> q.tag() != null);
            assertThat(schema.questions()).as(name).anyMatch(q -> q.path().split("\\.").length >= 3);
        }
    }

    @Test
    void sampleHintsAreCheckedWhenTheSchemaIsRead() {
        for (String[] bad : new String[][]{{"number", "int:5-1"}, {"number", "decimal:3-1:1"}, {"number", "int:1"},
                {"text", "nonsense"}, {"date", "yesterday"}, {"boolean", "int:0-1"}}) {
            assertThatThrownBy(() -> FormSchema.parse("hints.json", "{\"slug\": \"f\", \"children\": [{\"slug\": \"q\", "
                    + "\"answerType\": \"" + bad[0] + "\", \"sample\": \"" + bad[1] + "\"}]}"))
                    .as(bad[1]).isInstanceOf(UsageException.class).hasMessageContaining("hints.json").hasMessageContaining("'q' has sample");
        }
        FormSchema negative = FormSchema.parse("hints.json", "{\"slug\": \"f\", \"children\": ["
                + "{\"slug\": \"a\", \"answerType\": \"number\", \"sample\": \"int:-5-5\"},"
                + "{\"slug\": \"b\", \"answerType\": \"number\", \"sample\": \"decimal:-2.5--0.5:1\"}]}");
        assertThat(negative.questions()).hasSize(2);
    }

    @Test
    void slugsMayBeWrittenInAnyScript() {
        FormSchema schema = FormSchema.parse("unicode.json", "{\"slug\": \"форма\", \"children\": [{\"slug\": \"健康\", "
                + "\"children\": [{\"slug\": \"âge_1\", \"answerType\": \"number\"}]}]}");
        assertThat(schema.questions()).extracting(FormSchema.Question::path).containsExactly("健康.âge_1");
        assertThatThrownBy(() -> FormSchema.parse("dot.json", "{\"slug\": \"f\", \"children\": [{\"slug\": \"a.b\", "
                + "\"answerType\": \"text\"}]}")).isInstanceOf(UsageException.class).hasMessageContaining("needs a 'slug'");
    }
}
