package org.etlworkshop;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the README's "How it is built", as a check: a package may import the packages
 * below it, never one above. Measurement sits below what it measures, reporting above it.
 */
class LayeringTest {
    /** Top to bottom. */
    static final List<String> LAYERS = List.of("cli", "setup", "report", "limit", "move", "pipeline", "load", "transform", "extract",
            "measure", "scenario", "db", "model");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.etlworkshop");
    }

    @Test
    void noPackageImportsAPackageAboveIt() {
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(0, i).stream().map(layer -> "org.etlworkshop." + layer + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.etlworkshop." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " sits below " + Arrays.toString(above))
                    .check(classes);
        }
    }

    @Test
    void theSharedRootPackageImportsNoLayer() {
        noClasses().that().resideInAPackage("org.etlworkshop")
                .should().dependOnClassesThat().resideInAnyPackage("org.etlworkshop.(*)..")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.etlworkshop.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageHasItsPlaceInTheLayering() {
        Set<String> layers = classes.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith("org.etlworkshop."))
                .map(name -> name.substring("org.etlworkshop.".length()).split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(LAYERS).as("a new package needs its place in LAYERS (and in the README)").containsAll(layers);
        assertThat(layers).as("packages found: the check would pass vacuously without them").hasSize(LAYERS.size());
    }
}
