package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped catalog and a user's own file: valid entries are read as written, bad ones refused up front. */
class ProcessorCatalogTest {
    @TempDir
    Path dir;

    private ProcessorCatalog withFile(String json) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, json);
        return ProcessorCatalog.shipped().with(file);
    }

    @Test
    void everyShippedProcessorBuildsItsPipeline() {
        ProcessorCatalog shipped = ProcessorCatalog.shipped();
        assertThat(shipped.names()).contains("naive", "chunked", "chunked-stateless", "copy", "copy-binary");
        for (String name : shipped.names()) {
            ProcessorConfig config = shipped.get(name);
            assertThat(Pipeline.of(config).loader()).as(name).isNotNull();
            assertThat(LoaderRegistry.names()).as(name).contains(config.loader());
        }
    }

    @Test
    void aUserFileAddsProcessorsAndReplacesShippedOnes() throws IOException {
        ProcessorCatalog catalog = withFile("""
                {"_comment": "mine",
                 "chunked-500": {"description": "smaller chunks", "loader": "chunked", "chunkSize": 500,
                                 "read": "LIST", "fetch": "projection", "jdbc": {"reWriteBatchedInserts": true}},
                 "copy": {"loader": "copy-binary", "maxEvents": 10}}""");
        ProcessorConfig added = catalog.get("chunked-500");
        assertThat(added.chunkSize()).isEqualTo(500);
        assertThat(added.read()).isEqualTo(ReadMode.LIST);
        assertThat(added.fetch()).isEqualTo(Fetch.PROJECTION);
        assertThat(added.jdbc()).containsEntry("reWriteBatchedInserts", "true");
        assertThat(added.fetchSize()).as("defaults apply").isEqualTo(ProcessorConfig.DEFAULT_FETCH_SIZE);
        assertThat(catalog.get("copy").loader()).isEqualTo("copy-binary");
        assertThat(catalog.get("copy").maxEvents()).isEqualTo(10);
        assertThat(catalog.names()).contains("naive", "chunked-500").doesNotContain("_comment");
        assertThat(added.overlap()).as("defaults apply").isFalse();
        assertThat(added.workersDesign()).isEqualTo(WorkerDesign.DEFAULT);
    }

    @Test
    void aProcessorChoosesItsOverlapAndWorkersDesign() throws IOException {
        ProcessorConfig mine = withFile("""
                {"mine": {"loader": "copy-binary", "read": "stream", "fetch": "projection", "overlap": true,
                          "workersDesign": "partitions"}}""").get("mine");
        assertThat(mine.overlap()).isTrue();
        assertThat(mine.workersDesign()).isEqualTo(WorkerDesign.PARTITIONS);
        assertThat(mine.toBuilder().build()).as("kept by toBuilder").isEqualTo(mine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown loader       | {\"p\": {\"loader\": \"chunky\"}}                     | processor 'p': unknown loader 'chunky'; valid: naive, flush-per-entity, chunked, chunked-identity, stateless, row-commit, copy, copy-binary, copy-binary-indexes-after",
            "no loader            | {\"p\": {\"read\": \"list\"}}                         | processor 'p' needs a 'loader'; valid: naive,",
            "unknown field        | {\"p\": {\"loader\": \"copy\", \"chunksize\": 5}}    | processor 'p' has an unknown field 'chunksize'; valid: chunkSize, description",
            "bad read mode        | {\"p\": {\"loader\": \"copy\", \"read\": \"all\"}}    | processor 'p': 'read' is 'all'; valid: list, stream",
            "bad fetch            | {\"p\": {\"loader\": \"copy\", \"fetch\": \"eager\"}} | processor 'p': 'fetch' is 'eager'; valid: lazy, join, projection",
            "zero chunk size      | {\"p\": {\"loader\": \"copy\", \"chunkSize\": 0}}     | processor 'p': 'chunkSize' must be a positive integer, got 0",
            "text chunk size      | {\"p\": {\"loader\": \"copy\", \"chunkSize\": \"9\"}} | processor 'p': 'chunkSize' must be a positive integer, got \"9\"",
            "jdbc not an object   | {\"p\": {\"loader\": \"copy\", \"jdbc\": true}}      | processor 'p': 'jdbc' must be an object of pgjdbc properties",
            "overlap not boolean  | {\"p\": {\"loader\": \"copy\", \"overlap\": \"yes\"}} | processor 'p': 'overlap' must be true or false, got \"yes\"",
            "bad workers design   | {\"p\": {\"loader\": \"copy\", \"workersDesign\": \"pool\"}} | processor 'p': 'workersDesign' is 'pool'; valid: partitions, queue",
            "entry not an object  | {\"p\": \"copy\"}                                    | processor 'p' must be a JSON object",
            "root not an object   | [1, 2]                                               | a processor catalog is a JSON object of named processors",
    })
    void aBadEntryIsRefusedWithWhatToChange(String what, String json, String message) throws IOException {
        assertThatThrownBy(() -> withFile(json)).as(what).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(dir.resolve("mine.json").toString())
                .hasMessageContaining(message);
    }

    @Test
    void aFileThatIsNotJsonOrNotThereIsAUsageError() throws IOException {
        assertThatThrownBy(() -> withFile("{\"p\": {")).isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot read the processor catalog");
        assertThatThrownBy(() -> ProcessorCatalog.shipped().with(dir.resolve("absent.json")))
                .isInstanceOf(UsageException.class).hasMessageContaining("absent.json");
    }

    @Test
    void anUnknownProcessorNameListsTheValidOnes() {
        assertThatThrownBy(() -> ProcessorCatalog.shipped().get("chunkd")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown processor 'chunkd'; valid: naive, naive-all,");
    }

    @Test
    void overridingTheLoaderChecksItAgainstTheRegistry() {
        ProcessorConfig chunked = ProcessorCatalog.shipped().get("chunked");
        assertThat(chunked.toBuilder().loader("stateless").chunkSize(7).build())
                .extracting(ProcessorConfig::loader, ProcessorConfig::chunkSize, ProcessorConfig::name)
                .containsExactly("stateless", 7, "chunked");
        assertThatThrownBy(() -> chunked.toBuilder().loader("bulk").build()).isInstanceOf(UsageException.class)
                .hasMessage("unknown loader 'bulk'; valid: " + String.join(", ", LoaderRegistry.names()) + ", or class:NAME");
        assertThatThrownBy(() -> chunked.toBuilder().fetchSize(0)).isInstanceOf(UsageException.class);
    }
}
