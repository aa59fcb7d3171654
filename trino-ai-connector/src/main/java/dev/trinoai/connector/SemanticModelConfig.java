package dev.trinoai.connector;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.MINUTES;

/**
 * Where the semantic models are (the model file's domain first, then a folder of further domains), and how often the dimension values it indexes are read again from the data.
 */
public class SemanticModelConfig
{
    private String path;
    private String domains;
    private Duration refresh = new Duration(10, MINUTES);

    @NotNull(message = "ai.semantic-model.path must name the semantic model file, e.g. etc/ai/semantic-model.yaml")
    public String getPath()
    {
        return path;
    }

    @Config("ai.semantic-model.path")
    @ConfigDescription("Path of semantic-model.yaml")
    public SemanticModelConfig setPath(String path)
    {
        this.path = path;
        return this;
    }

    public String getDomains()
    {
        return domains;
    }

    @Config("ai.semantic-model.domains")
    @ConfigDescription("Folder of further domains' semantic models, one .yaml file per domain (etc/ai/models); unset for the model file's domain alone")
    public SemanticModelConfig setDomains(String domains)
    {
        this.domains = domains;
        return this;
    }

    /**
     * The folder of the domains' model files, if one is set.
     */
    public Optional<Path> domainsFolder()
    {
        return Optional.ofNullable(domains).filter(folder -> !folder.isBlank()).map(Path::of);
    }

    @NotNull
    @MinDuration("1s")
    public Duration getRefresh()
    {
        return refresh;
    }

    @Config("ai.semantic-model.refresh")
    @ConfigDescription("How often the values of the dimensions (program names, teams...) are read again from the star schema")
    public SemanticModelConfig setRefresh(Duration refresh)
    {
        this.refresh = refresh;
        return this;
    }
}
