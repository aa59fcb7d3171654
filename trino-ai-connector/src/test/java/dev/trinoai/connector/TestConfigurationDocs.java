package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.airlift.configuration.ConfigurationFactory;
import io.airlift.configuration.ConfigurationInspector;
import io.trino.testing.TestingConnectorContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md lists every setting of the catalog, and nothing the catalog does not read.
 */
final class TestConfigurationDocs
{
    private static final Path DOCS = Path.of("../docs/configuration.md");
    // the first cell of a row of the settings table: one or more `ai.x.y`, comma-separated; a name with no dot (the
    // domains table's `pmo`, `jira`) is no setting
    private static final Pattern ROW = Pattern.compile("^\\| ((?:`[a-z0-9-]+\\.[a-z0-9.-]+`(?:, )?)+) \\|");
    private static final Pattern NAME = Pattern.compile("`([a-z0-9-]+\\.[a-z0-9.-]+)`");

    @Test
    void everySettingIsDocumentedAndEveryDocumentedSettingExists()
            throws IOException
    {
        Set<String> settings = new TreeSet<>();
        // each provider of a language model brings its own settings
        for (String provider : new String[] {"none", "bedrock", "openai"}) {
            settings.addAll(settings(ImmutableMap.of("ai.llm.provider", provider)));
        }
        assertThat(documented()).isEqualTo(settings);
    }

    private static Set<String> settings(Map<String, String> properties)
    {
        ConfigurationFactory factory = new ConfigurationFactory(properties);
        assertThat(factory.registerConfigurationClasses(AiConnectorFactory.modules("ai", new TestingConnectorContext()))).isEmpty();
        Set<String> names = new TreeSet<>();
        new ConfigurationInspector().inspect(factory).forEach(record -> record.getAttributes().forEach(attribute -> names.add(attribute.getPropertyName())));
        return names;
    }

    private static Set<String> documented()
            throws IOException
    {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(DOCS)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                NAME.matcher(row.group(1)).results().forEach(name -> names.add(name.group(1)));
            }
        }
        return names;
    }
}
