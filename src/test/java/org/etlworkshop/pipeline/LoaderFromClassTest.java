package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.StatelessLoader;
import org.junit.jupiter.api.Test;

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
    }
}
