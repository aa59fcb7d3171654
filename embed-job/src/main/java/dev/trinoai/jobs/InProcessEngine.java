package dev.trinoai.jobs;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingModels;
import dev.trinoai.core.embedding.EmbeddingSettings;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.AskSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.core.warehouse.WarehouseConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The question engine as the catalog builds it, run in the job's process against the job's database: so a semantic
 * model can be evaluated or tried without installing it into Trino and restarting it.
 */
final class InProcessEngine
        implements AutoCloseable
{
    private final JobDatabase database;
    private final Warehouse warehouse;
    private final EmbeddingModel embeddings;
    private final AskEngine engine;

    private InProcessEngine(JobDatabase database, Warehouse warehouse, EmbeddingModel embeddings, AskEngine engine)
    {
        this.database = requireNonNull(database, "database is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * The domains of {@link EmbedCommand#domains}: the model file's, then the domains folder's.
     */
    static InProcessEngine open(Arguments arguments, Map<String, String> environment)
            throws SQLException
    {
        return open(EmbedCommand.domains(arguments, environment), environment);
    }

    static InProcessEngine open(List<SemanticModel> domains, Map<String, String> environment)
            throws SQLException
    {
        SemanticModel model = domains.getFirst();
        JobDatabase database = JobDatabase.fromEnvironment(environment);
        WarehouseConfig config = new WarehouseConfig(database.url(), database.user(), database.password(), model.schema(), "ask", Duration.ofSeconds(10), database.passwordSecret());
        Warehouse warehouse = new Warehouse(config);
        try {
            EmbeddingModel embeddings = EmbeddingModels.create(EmbeddingSettings.defaults());
            return new InProcessEngine(database, warehouse, embeddings, new AskEngine(domains, warehouse, embeddings, AskSettings.defaults(), Optional.empty(), RetrievalEnvironment.settings(environment)));
        }
        catch (RuntimeException e) {
            // what was opened before the failure is closed, not left to the process's end
            warehouse.close();
            database.close();
            throw e;
        }
    }

    AskEngine engine()
    {
        return engine;
    }

    Connection connect()
            throws SQLException
    {
        return database.connect();
    }

    @Override
    public void close()
            throws Exception
    {
        try (database; warehouse; embeddings) {
            // closed in reverse order of opening
        }
    }
}
