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
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The semantic models the catalog serves (the model file and, when set, each file of the domains folder) and the engine
 * over them, swapped whole by a reload. A reload reads the files again and checks each as the catalog's start does (its words, and its tables, columns, joins and metrics against the
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
    private final Optional<Path> domains;
    private final Warehouse warehouse;
    private final Optional<Path> accessRules;
    private final Function<List<SemanticModel>, AskEngine> engines;
    private final AtomicReference<AskEngine> engine = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();
    private volatile FileStamp seen;
    private volatile Instant loadedAt;
    private volatile String lastFailure = "";

    /**
     * @param initial the models read from the files when the catalog starts, checked here against the database
     * @param domains the folder of the domains' model files, beside the model file
     * @param accessRules the row access rules file, which the model file's model must fit
     * @param engines makes the engine over the models, as the catalog configures it
     */
    public ServedModel(List<SemanticModel> initial, Path path, Optional<Path> domains, Warehouse warehouse, Optional<Path> accessRules, Function<List<SemanticModel>, AskEngine> engines)
    {
        this.path = requireNonNull(path, "path is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.accessRules = requireNonNull(accessRules, "accessRules is null");
        this.engines = requireNonNull(engines, "engines is null");
        try {
            check(initial);
        }
        catch (AskException e) {
            // a database that is down when Trino starts comes back, and the catalog with it; a wrong model does not
            initial.forEach(ModelCheck::requireValid);
            log.warn("The semantic models %s were not checked against the database, which cannot be reached now: %s. CALL ai.system.reload() checks them once it can.",
                    initial.stream().map(SemanticModel::source).toList(), e.getMessage());
        }
        seen = FileStamp.of(files());
        engine.set(engines.apply(initial));
        loadedAt = Instant.now();
    }

    /**
     * The model file and the domains' files now: a file added to or removed from the folder is an edit too.
     */
    private List<Path> files()
    {
        List<Path> files = new ArrayList<>(List.of(path));
        domains.ifPresent(folder -> {
            try (Stream<Path> listed = Files.list(folder)) {
                listed.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
            catch (IOException e) {
                // a folder being replaced, or gone: a reload says what is wrong
            }
        });
        return files;
    }

    /**
     * Which files there were, and when and how long each was when last read: an edit changes one of them.
     */
    private record FileStamp(List<Path> files, List<FileTime> modified, List<Long> sizes)
    {
        static FileStamp of(List<Path> files)
        {
            List<FileTime> modified = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (Path file : files) {
                try {
                    modified.add(Files.getLastModifiedTime(file));
                    sizes.add(Files.size(file));
                }
                catch (IOException e) {
                    // a file being replaced, or gone: the next look decides, and a reload says what is wrong
                    modified.add(FileTime.fromMillis(0));
                    sizes.add(-1L);
                }
            }
            return new FileStamp(List.copyOf(files), modified, sizes);
        }
    }

    /**
     * The engine a question is answered with, from its start to its end.
     */
    public AskEngine engine()
    {
        if (!FileStamp.of(files()).equals(seen)) {
            reloadChanged();
        }
        return engine.get();
    }

    private synchronized void reloadChanged()
    {
        FileStamp now = FileStamp.of(files());
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
     * Reads the model files again and serves them if none has a problem.
     *
     * @return the model file's model now served
     * @throws dev.trinoai.core.model.SemanticModelException naming the file, the line and each problem; the model
     *     before it is still served
     * @throws AskException when the database cannot be reached to check it; the model before it is still served
     */
    public synchronized SemanticModel reload()
    {
        reloads.incrementAndGet();
        seen = FileStamp.of(files());
        try {
            List<SemanticModel> models = SemanticModelLoader.loadDomains(path, domains);
            check(models);
            engine.set(engines.apply(models));
            loadedAt = Instant.now();
            lastFailure = "";
            models.forEach(model -> log.info("Reloaded the semantic model %s: %d metrics, %d dimensions", model.source(), model.metrics().size(), model.dimensions().size()));
            return models.getFirst();
        }
        catch (RuntimeException e) {
            failedReloads.incrementAndGet();
            lastFailure = e.getMessage();
            log.warn("The semantic model %s was not reloaded, the one loaded at %s is still served: %s", path, loadedAt, e.getMessage());
            throw e;
        }
    }

    private void check(List<SemanticModel> models)
    {
        for (SemanticModel model : models) {
            if (!model.schema().equals(warehouse.config().starSchema())) {
                throw new IllegalArgumentException("%s: the schema changed from %s to %s, which only a restart of the catalog applies".formatted(model.source(), warehouse.config().starSchema(), model.schema()));
            }
            MetricTables.checkNames(model);
            ModelCheck.requireValid(model, warehouse, LocalDate.now(ZoneOffset.UTC));
        }
        // the rules name the model file's dimensions, as the catalog's start checks them
        accessRules.ifPresent(rules -> AccessRules.load(rules, models.getFirst()));
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
