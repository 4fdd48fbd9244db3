package org.etlworkshop;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of "How it is built" (docs/how-it-is-built.md), as a check, and as the imports really are: a
 * package may import the packages of the levels below its own, never one of its level or above;
 * and it sits as low as its imports allow, so it imports something of the level right below.
 * Measurement sits below what it measures, reporting above it.
 */
class LayeringTest {
    /** Top to bottom, one level per line; the packages of one level import none of each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("cli"),
            List.of("report"),
            List.of("limit"),
            List.of("pipeline"),
            List.of("load"),
            List.of("transform"),
            List.of("extract"),
            List.of("scenario", "move", "setup"),
            List.of("db"),
            List.of("measure", "model", "concurrent"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.etlworkshop");
    }

    private static String[] packages(List<String> layers) {
        return layers.stream().map(layer -> "org.etlworkshop." + layer + "..").toArray(String[]::new);
    }

    /** The layers a package's classes import, by the first name after {@code org.etlworkshop.}. */
    private static Set<String> importedBy(String layer) {
        return classes.stream().filter(c -> layerOf(c).equals(Optional.of(layer)))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream()).map(Dependency::getTargetClass)
                .map(LayeringTest::layerOf).flatMap(Optional::stream).filter(l -> !l.equals(layer)).collect(Collectors.toSet());
    }

    private static Optional<String> layerOf(JavaClass c) {
        String name = c.getPackageName();
        return name.startsWith("org.etlworkshop.") ? Optional.of(name.substring("org.etlworkshop.".length()).split("\\.")[0])
                : Optional.empty();
    }

    @Test
    void noPackageImportsAPackageOfItsLevelOrAbove() {
        for (int level = 0; level < LAYERS.size(); level++) {
            for (String layer : LAYERS.get(level)) {
                List<String> forbidden = new ArrayList<>(LAYERS.subList(0, level).stream().flatMap(List::stream).toList());
                LAYERS.get(level).stream().filter(other -> !other.equals(layer)).forEach(forbidden::add);
                if (forbidden.isEmpty()) {
                    continue;
                }
                noClasses().that().resideInAPackage("org.etlworkshop." + layer + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(packages(forbidden))
                        .because(layer + " sits below (or beside) " + forbidden)
                        .check(classes);
            }
        }
    }

    @Test
    void everyPackageSitsAsLowAsItsImportsAllow() {
        for (int level = 0; level < LAYERS.size() - 1; level++) {
            List<String> below = LAYERS.get(level + 1);
            for (String layer : LAYERS.get(level)) {
                assertThat(importedBy(layer)).as(layer + " imports nothing of the level below it " + below
                        + ": it belongs lower, in LAYERS and in docs/how-it-is-built.md").containsAnyElementsOf(below);
            }
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
        List<String> listed = LAYERS.stream().flatMap(List::stream).toList();
        Set<String> layers = classes.stream().map(LayeringTest::layerOf).flatMap(Optional::stream).collect(Collectors.toSet());
        assertThat(listed).as("a new package needs its place in LAYERS (and in docs/how-it-is-built.md)").containsAll(layers);
        assertThat(layers).as("packages found: the check would pass vacuously without them").hasSize(listed.size());
    }
}
