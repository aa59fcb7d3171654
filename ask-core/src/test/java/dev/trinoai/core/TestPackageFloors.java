package dev.trinoai.core;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ask-core is built in floors: a package imports only the API at the root and the packages on the floors below its
 * own, so each can be read, tested and changed without those above it. A new package must be given its floor here.
 */
final class TestPackageFloors
{
    private static final String ROOT = "dev.trinoai.core";
    // bottom to top
    private static final List<String> FLOORS = List.of(
            "time", "plan", "model", "remote", "embedding", "warehouse", "access", "sql", "retrieve", "interpret", "answer", "llm", "engine");
    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void theRootIsTheApiAndImportsNoPackageOfTheEngine()
    {
        assertThat(violations(clazz -> floor(clazz).isEmpty(), (from, to) -> true)).isEmpty();
    }

    @Test
    void everyPackageImportsOnlyTheFloorsBelowIt()
    {
        assertThat(violations(clazz -> floor(clazz).isPresent(), (from, to) -> to > from)).isEmpty();
    }

    @Test
    void everyPackageHasAFloor()
    {
        assertThat(CLASSES.stream().map(JavaClass::getPackageName).filter(name -> !name.equals(ROOT)).distinct()
                .filter(name -> !FLOORS.contains(subpackage(name)))).isEmpty();
    }

    private interface Selection
    {
        boolean test(JavaClass clazz);
    }

    private interface Upward
    {
        boolean test(int from, int to);
    }

    /**
     * The dependencies of the selected classes on a package of the engine whose floor is above the class's own.
     */
    private static List<String> violations(Selection selection, Upward upward)
    {
        List<String> found = new ArrayList<>();
        for (JavaClass clazz : CLASSES) {
            if (!selection.test(clazz)) {
                continue;
            }
            int from = floor(clazz).orElse(-1);
            for (Dependency dependency : clazz.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                Optional<Integer> to = floor(target);
                if (target.getPackageName().startsWith(ROOT + ".") && to.isPresent() && to.get() != from && upward.test(from, to.get())) {
                    found.add(dependency.getDescription());
                }
            }
        }
        return found;
    }

    private static Optional<Integer> floor(JavaClass clazz)
    {
        if (!clazz.getPackageName().startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        int index = FLOORS.indexOf(subpackage(clazz.getPackageName()));
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    private static String subpackage(String packageName)
    {
        return packageName.substring(ROOT.length() + 1).split("\\.")[0];
    }
}
