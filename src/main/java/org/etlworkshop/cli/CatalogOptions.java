package org.etlworkshop.cli;

import org.etlworkshop.scenario.ScenarioCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where scenario files are read from. */
public final class CatalogOptions {
    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "${sys:etl.home:-.}/scenarios",
            description = "Directory of scenario files (default: the project's scenarios/).")
    Path scenariosDir;

    ScenarioCatalog scenarios() {
        return new ScenarioCatalog(scenariosDir.normalize());
    }
}
