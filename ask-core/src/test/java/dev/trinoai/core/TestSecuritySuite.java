package dev.trinoai.core;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The security suite is the test classes SECURITY.md names, run by their tag ({@code -Dgroups=security}): a class
 * renamed or removed without SECURITY.md, or one tagged without being named there, fails the build instead of
 * silently leaving the suite.
 */
@Tag("security")
final class TestSecuritySuite
{
    private static final Path REPOSITORY = Path.of("..");
    private static final Pattern NAMED = Pattern.compile("\\bTest[A-Z][A-Za-z0-9]*\\b");
    private static final Pattern TAGGED = Pattern.compile("@Tag\\(\"security\"\\)\\s*(?:@[^\\n]*\\s*)*(?:public\\s+)?(?:final\\s+)?(?:abstract\\s+)?class\\s+(\\w+)");

    @Test
    void everyClassSecurityMdNamesIsATestTaggedSecurityAndNoOtherIs()
            throws IOException
    {
        Set<String> named = new TreeSet<>();
        Matcher name = NAMED.matcher(Files.readString(REPOSITORY.resolve("SECURITY.md")));
        while (name.find()) {
            named.add(name.group());
        }
        Map<String, String> sources = testSources();
        Set<String> tagged = new TreeSet<>();
        sources.forEach((className, source) -> {
            Matcher tag = TAGGED.matcher(source);
            if (tag.find() && tag.group(1).equals(className)) {
                tagged.add(className);
            }
        });

        assertThat(named).as("classes SECURITY.md names").isNotEmpty();
        assertSoftly(softly -> {
            softly.assertThat(difference(named, sources.keySet())).as("classes SECURITY.md names that are no test class (renamed or removed: name the new one there)").isEmpty();
            softly.assertThat(difference(named, tagged)).as("test classes SECURITY.md names without @Tag(\"security\")").isEmpty();
            softly.assertThat(difference(tagged, named)).as("test classes tagged @Tag(\"security\") that SECURITY.md does not name").isEmpty();
        });
    }

    private static Set<String> difference(Set<String> all, Set<String> less)
    {
        Set<String> difference = new TreeSet<>(all);
        difference.removeAll(less);
        return difference;
    }

    /**
     * Every test source of every module, by class name.
     */
    private static Map<String, String> testSources()
            throws IOException
    {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path tests : modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".java")).forEach(file -> sources.put(file.getFileName().toString().replaceFirst("\\.java$", ""), read(file)));
                }
            }
        }
        return sources;
    }

    private static String read(Path file)
    {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
