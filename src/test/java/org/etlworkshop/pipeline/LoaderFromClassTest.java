package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.StatelessLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A catalog's {@code "loader": "class:NAME"}: how lesson 4's Java exercise runs a loader written outside src/main. */
class LoaderFromClassTest {

    @Test
    void aLoaderClassIsBuiltWithTheProcessorsChunkSize() {
        ProcessorConfig config = ProcessorConfig.builder("mine", "class:" + StatelessLoader.class.getName()).chunkSize(7).build();
        LoaderRegistry.Entry entry = config.loaderEntry();
        assertThat(entry.ceiling()).isEqualTo(CeilingFamily.JDBC_BATCH);
        assertThat(entry.create().apply(config)).isInstanceOf(StatelessLoader.class);
    }

    @Test
    void aClassThatIsNoLoaderOrIsMissingIsAUsageError() {
        assertThatThrownBy(() -> LoaderRegistry.named("class:java.lang.String")).isInstanceOf(UsageException.class)
                .hasMessageContaining("does not implement org.etlworkshop.load.Loader");
        assertThatThrownBy(() -> LoaderRegistry.named("class:NoSuchLoader")).isInstanceOf(UsageException.class)
                .hasMessageContaining("no class NoSuchLoader");
        assertThat(LoaderRegistry.find("class:NoSuchLoader")).as("a report reading such a profile elsewhere").isEmpty();
    }

    @Test
    void aLoaderClassIsFoundInTheDirectoriesTheSystemPropertyNames(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("DirectoryLoader.java");
        Files.writeString(source, """
                import org.etlworkshop.load.LoadTarget;
                import org.etlworkshop.load.Loader;
                import org.etlworkshop.transform.EventFactory;
                import org.etlworkshop.transform.EventRow;
                import java.util.Iterator;
                public class DirectoryLoader implements Loader<EventRow> {
                    public EventFactory<EventRow> eventFactory() { return EventFactory.ROWS; }
                    public long load(Iterator<EventRow> events, LoadTarget target) { return 0; }
                }
                """);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
        assertThat(compiled).isZero();
        System.setProperty(LoaderFromClass.PATH_PROPERTY, dir.toString());
        try {
            ProcessorConfig config = ProcessorConfig.builder("mine", "class:DirectoryLoader").build();
            assertThat(config.loaderEntry().create().apply(config).getClass().getName()).isEqualTo("DirectoryLoader");
        } finally {
            System.clearProperty(LoaderFromClass.PATH_PROPERTY);
        }
    }
}
