package dev.trinoai.connector;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.validation.FileExists;

/**
 * Who may see which rows: the file of row access rules, see {@link dev.trinoai.core.access.AccessRules}.
 */
public class AccessConfig
{
    private String rulesFile;

    /**
     * Without a file every user sees every row (and the catalog says so in the server log at start).
     */
    @FileExists
    public String getRulesFile()
    {
        return rulesFile;
    }

    @Config("ai.access.rules-file")
    @ConfigDescription("YAML or JSON file mapping Trino users and groups to the dimension values they may see; unset: everyone sees everything")
    public AccessConfig setRulesFile(String rulesFile)
    {
        this.rulesFile = rulesFile;
        return this;
    }
}
