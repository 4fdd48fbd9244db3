package org.etlworkshop.scenario;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioCatalogTest {
    @TempDir
    Path dir;

    private ScenarioCatalog catalogWith(String scenarioJson) throws IOException {
        Files.createDirectories(dir.resolve("schemas"));
        Files.copy(Path.of("scenarios/schemas/lifestyle.json"), dir.resolve("schemas/lifestyle.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("mine.json"), scenarioJson);
        return new ScenarioCatalog(dir);
    }

    @Test
    void shipsTheWorkshopScenariosInOrderOfSize() {
        assertThat(TestDatabase.shippedScenarios().names())
                .startsWith("empty", "small", "medium", "large-few-users", "large-many-users", "large", "xlarge");
    }

    @Test
    void shippedScenariosHaveTheAdvertisedSizes() {
        ScenarioCatalog catalog = TestDatabase.shippedScenarios();
        assertThat(catalog.load("medium").estimatedEvents()).isBetween(10_000L, 14_000L);
        assertThat(catalog.load("large").estimatedEvents()).isBetween(900_000L, 1_100_000L);
        assertThat(catalog.load("xlarge").estimatedEvents()).isBetween(9_000_000L, 11_000_000L);
        Scenario few = catalog.load("large-few-users"), many = catalog.load("large-many-users");
        assertThat(few.submissions()).isEqualTo(many.submissions());
        assertThat(few.seed()).isEqualTo(many.seed());
        assertThat(few.users()).isEqualTo(20);
        assertThat(many.users()).isEqualTo(400);
    }

    @Test
    void unknownScenarioListsTheValidNames() {
        assertThatThrownBy(() -> TestDatabase.shippedScenarios().load("mediun"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown scenario 'mediun'")
                .hasMessageContaining("small, medium");
    }

    @Test
    void aUsersOwnScenarioFileJustWorks() throws IOException {
        Scenario mine = catalogWith("{\"seed\": 5, \"forms\": [\"lifestyle\"], \"users\": 3, \"submissions\": 7}").load("mine");
        assertThat(mine.formCount()).isEqualTo(1);
        assertThat(mine.users()).isEqualTo(3);
        assertThat(mine.hostileTextShare()).isEqualTo(0.05);
    }

    @Test
    void malformedScenarioNamesTheFileTheFieldAndTheProblem() throws IOException {
        assertThatThrownBy(() -> catalogWith("{\"forms\": [\"lifestyle\"], \"users\": 1, \"submissions\": 1}").load("mine"))
                .hasMessageContaining("mine.json").hasMessageContaining("'seed'").hasMessageContaining("missing");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\"], \"users\": -1, \"submissions\": 1}").load("mine"))
                .hasMessageContaining("'users' must be a non-negative integer, got -1");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\"], \"users\": 1, \"submisions\": 1}").load("mine"))
                .hasMessageContaining("unknown field 'submisions'");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"nope\"], \"users\": 1, \"submissions\": 1}").load("mine"))
                .hasMessageContaining("'forms' names 'nope'").hasMessageContaining("valid: lifestyle");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\"], \"users\": 1, \"submissions\": 1, "
                + "\"hostileTextShare\": 1.5}").load("mine"))
                .hasMessageContaining("'hostileTextShare' must be a number from 0 to 1");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\"], \"users\": 0, \"submissions\": 3}").load("mine"))
                .hasMessageContaining("'users' must be at least 1");
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, ").load("mine"))
                .isInstanceOf(UsageException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void scenarioNamesThatShareDatabasesAreRefused() throws IOException {
        ScenarioCatalog catalog = catalogWith("{\"seed\": 5, \"forms\": [\"lifestyle\"], \"users\": 1, \"submissions\": 1}");
        Files.copy(dir.resolve("mine.json"), dir.resolve("col-x.json"));
        Files.copy(dir.resolve("mine.json"), dir.resolve("col_x.json"));
        for (String name : List.of("col-x", "col_x")) {
            assertThatThrownBy(() -> catalog.load(name)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("would share the databases etl_tpl_col_x").hasMessageContaining("rename");
        }
        assertThat(catalog.load("mine").name()).isEqualTo("mine");
    }

    @Test
    void aFormListedTwiceOrTwoFormsWithOneTitleAreRefused() throws IOException {
        assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\", \"lifestyle\"], \"users\": 1, \"submissions\": 1}")
                .load("mine")).isInstanceOf(UsageException.class).hasMessageContaining("names 'lifestyle' twice");
        ScenarioCatalog catalog = catalogWith("{\"seed\": 1, \"forms\": [\"lifestyle\", \"copy\"], \"users\": 1, \"submissions\": 1}");
        Files.copy(dir.resolve("schemas/lifestyle.json"), dir.resolve("schemas/copy.json"));
        assertThatThrownBy(() -> catalog.load("mine")).isInstanceOf(UsageException.class).hasMessageContaining("have the title");
    }

    @Test
    void aFormNameCannotReachOutsideTheSchemaDirectory() throws IOException {
        Files.writeString(dir.resolve("outside.json"), Files.readString(Path.of("scenarios/schemas/lifestyle.json")));
        for (String form : List.of("../outside", "/etc/passwd", "schemas/../../outside", "..")) {
            assertThatThrownBy(() -> catalogWith("{\"seed\": 1, \"forms\": [\"" + form + "\"], \"users\": 1, \"submissions\": 1}")
                    .load("mine")).as(form).isInstanceOf(UsageException.class).hasMessageContaining("must list schema names");
        }
    }

    @Test
    void listedNamesAreLoadableAndBrokenFilesAreNamedWithTheirReason() throws IOException {
        ScenarioCatalog catalog = catalogWith("{\"seed\": 5, \"forms\": [\"lifestyle\"], \"users\": 1, \"submissions\": 1}");
        Files.writeString(dir.resolve("a'b.json"), "{}");
        Files.writeString(dir.resolve("broken.json"), "{\"seed\": 1");
        assertThat(catalog.names()).containsExactly("broken", "mine");
        assertThat(catalog.problems()).containsOnlyKeys("a'b", "broken");
        assertThat(catalog.problems().get("a'b")).contains("not a scenario name");
        assertThat(catalog.problems().get("broken")).contains("broken.json").contains("not valid JSON");
        assertThatThrownBy(() -> catalog.load("a'b")).hasMessageContaining("unknown scenario 'a'b'; valid: broken, mine (");
    }
}
