package org.etlworkshop.scenario;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
}
