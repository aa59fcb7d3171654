package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import dev.trinoai.core.access.AccessRules;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.ModelCheck;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.warehouse.Warehouse;
import io.airlift.log.Logger;
import org.weakref.jmx.Managed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The semantic model the catalog serves and the engine over it, swapped whole by a reload. A reload reads the file
 * again and checks it as the catalog's start does (its words, and its tables, columns, joins and metrics against the
 * database); a model with a problem is not served, and the one before it stays. A question takes the engine once, when
 * it starts, and finishes on it whatever is reloaded meanwhile.
 *
 * <p>Every node of a cluster serves its own copy, and {@code CALL ai.system.reload()} runs on the coordinator only: so
 * each node also reloads by itself when it sees the file changed, on the next use after the edit. A broken edit is
 * tried once, logged, and kept out until the file changes again.
 */
public final class ServedModel
{
    private static final Logger log = Logger.get(ServedModel.class);

    private final Path path;
    private final Warehouse warehouse;
    private final Optional<Path> accessRules;
    private final Function<SemanticModel, AskEngine> engines;
    private final AtomicReference<AskEngine> engine = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private volatile FileStamp seen;
    private volatile Instant loadedAt;
    private volatile String lastFailure = "";

    /**
     * @param initial the model read from the file when the catalog starts, checked here against the database
     * @param accessRules the row access rules file, which every model served must fit
     * @param engines makes the engine over a model, as the catalog configures it
     */
    public ServedModel(SemanticModel initial, Path path, Warehouse warehouse, Optional<Path> accessRules, Function<SemanticModel, AskEngine> engines)
    {
        this.path = requireNonNull(path, "path is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.accessRules = requireNonNull(accessRules, "accessRules is null");
        this.engines = requireNonNull(engines, "engines is null");
        try {
            check(initial);
        }
        catch (AskException e) {
            // a database that is down or not loaded yet when Trino starts comes right, and the catalog with it; a wrong
            // model does not
            ModelCheck.requireValid(initial);
            log.warn("The semantic model %s was not checked against the database: %s. CALL ai.system.reload() checks it once it can.", initial.source(), e.getMessage());
        }
        seen = FileStamp.of(path);
        engine.set(engines.apply(initial));
        loadedAt = Instant.now();
    }

    /**
     * When and how long the file was when last read: an edit changes one of them.
     */
    private record FileStamp(FileTime modified, long size)
    {
        static FileStamp of(Path path)
        {
            try {
                return new FileStamp(Files.getLastModifiedTime(path), Files.size(path));
            }
            catch (IOException e) {
                // a file being replaced, or gone: the next look decides, and a reload says what is wrong
                return new FileStamp(FileTime.fromMillis(0), -1);
            }
        }
    }

    /**
     * The engine a question is answered with, from its start to its end.
     */
    public AskEngine engine()
    {
        if (!FileStamp.of(path).equals(seen)) {
            reloadChanged();
        }
        return engine.get();
    }

    private synchronized void reloadChanged()
    {
        FileStamp now = FileStamp.of(path);
        if (now.equals(seen)) {
            return;
        }
        try {
            reload();
        }
        catch (RuntimeException e) {
            // logged and kept for JMX by reload(); the model before it answers
        }
    }

    public SemanticModel model()
    {
        return engine().model();
    }

    /**
     * Reads the model file again and serves it if it has no problem.
     *
     * @return the model now served
     * @throws dev.trinoai.core.model.SemanticModelException naming the file, the line and each problem; the model
     *     before it is still served
     * @throws AskException when the database cannot be reached to check it; the model before it is still served
     */
    public synchronized SemanticModel reload()
    {
        reloads.incrementAndGet();
        seen = FileStamp.of(path);
        try {
            SemanticModel model = SemanticModelLoader.load(path);
            check(model);
            engine.set(engines.apply(model));
            loadedAt = Instant.now();
            lastFailure = "";
            log.info("Reloaded the semantic model %s: %d metrics, %d dimensions", model.source(), model.metrics().size(), model.dimensions().size());
            return model;
        }
        catch (RuntimeException e) {
            failedReloads.incrementAndGet();
            lastFailure = e.getMessage();
            log.warn("The semantic model %s was not reloaded, the one loaded at %s is still served: %s", path, loadedAt, e.getMessage());
            throw e;
        }
    }

    private void check(SemanticModel model)
    {
        if (!model.schema().equals(warehouse.config().starSchema())) {
            throw new IllegalArgumentException("%s: the schema changed from %s to %s, which only a restart of the catalog applies".formatted(model.source(), warehouse.config().starSchema(), model.schema()));
        }
        MetricTables.checkNames(model);
        ModelCheck.requireValid(model, warehouse, LocalDate.now(ZoneOffset.UTC));
        accessRules.ifPresent(rules -> AccessRules.load(rules, model));
    }

    @Managed
    public String getSource()
    {
        return model().source();
    }

    @Managed
    public String getLoadedAt()
    {
        return loadedAt.toString();
    }

    @Managed
    public long getReloads()
    {
        return reloads.get();
    }

    @Managed
    public long getFailedReloads()
    {
        return failedReloads.get();
    }

    /**
     * Why the latest reload kept the model before it; empty after one that served the file.
     */
    @Managed
    public String getLastFailure()
    {
        return lastFailure;
    }
}
