package dev.trinoai.connector;

import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import dev.trinoai.core.access.AccessRules;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingModels;
import dev.trinoai.core.embedding.EmbeddingProvider;
import dev.trinoai.core.embedding.EmbeddingSettings;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.AskSettings;
import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.llm.LlmClients;
import dev.trinoai.core.llm.LlmProvider;
import dev.trinoai.core.llm.LlmSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.core.warehouse.WarehouseConfig;
import dev.trinoai.udf.Answerer;
import dev.trinoai.udf.AskScalarFunctions;
import dev.trinoai.udf.AskUdfConfig;
import io.airlift.configuration.AbstractConfigurationAwareModule;
import io.airlift.log.Logger;
import io.opentelemetry.api.trace.Tracer;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.procedure.Procedure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.google.inject.multibindings.Multibinder.newSetBinder;
import static com.google.inject.multibindings.OptionalBinder.newOptionalBinder;
import static io.airlift.configuration.ConditionalModule.conditionalModule;
import static io.airlift.configuration.ConfigBinder.configBinder;
import static org.weakref.jmx.guice.ExportBinder.newExporter;

public final class AiModule
        extends AbstractConfigurationAwareModule
{
    private static final Logger log = Logger.get(AiModule.class);

    @Override
    protected void setup(Binder binder)
    {
        configBinder(binder).bindConfig(PostgresConfig.class);
        configBinder(binder).bindConfig(AskConfig.class);
        configBinder(binder).bindConfig(SemanticModelConfig.class);
        configBinder(binder).bindConfig(EmbeddingConfig.class);
        configBinder(binder).bindConfig(LlmConfig.class);
        // the provider's settings are read, and bound, only for the provider chosen; none leaves them unbound
        newOptionalBinder(binder, LlmSettings.class);
        install(conditionalModule(LlmConfig.class, config -> config.getProvider() == LlmProvider.BEDROCK, new BedrockLlmModule()));
        install(conditionalModule(LlmConfig.class, config -> config.getProvider() == LlmProvider.OPENAI, new OpenAiLlmModule()));
        configBinder(binder).bindConfig(AskUdfConfig.class);
        configBinder(binder).bindConfig(AccessConfig.class);
        configBinder(binder).bindConfig(AnswerLogConfig.class);
        configBinder(binder).bindConfig(RetrievalConfig.class);

        binder.bind(AiConnector.class).in(Scopes.SINGLETON);
        binder.bind(AiMetadata.class).in(Scopes.SINGLETON);
        binder.bind(AiSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(AiRecordSetProvider.class).in(Scopes.SINGLETON);
        binder.bind(MetricTables.class).in(Scopes.SINGLETON);
        binder.bind(MetricPushdown.class).in(Scopes.SINGLETON);
        binder.bind(ModelTables.class).in(Scopes.SINGLETON);
        binder.bind(AiFunctionProvider.class).in(Scopes.SINGLETON);
        newSetBinder(binder, ConnectorTableFunction.class).addBinding().toProvider(AskFunction.class).in(Scopes.SINGLETON);
        newSetBinder(binder, ConnectorTableFunction.class).addBinding().toProvider(AskNumbersFunction.class).in(Scopes.SINGLETON);
        binder.bind(AskProcessorProvider.class).in(Scopes.SINGLETON);
        binder.bind(AskExecutor.class).in(Scopes.SINGLETON);
        binder.bind(AiSessionProperties.class).in(Scopes.SINGLETON);
        binder.bind(EngineResources.class).asEagerSingleton();
        newSetBinder(binder, Procedure.class).addBinding().toProvider(ReloadProcedure.class).in(Scopes.SINGLETON);

        binder.bind(AnswerLog.class).in(Scopes.SINGLETON);
        binder.bind(AskTelemetry.class).in(Scopes.SINGLETON);
        binder.bind(AskStats.class).in(Scopes.SINGLETON);
        binder.bind(AnswerCacheStats.class).in(Scopes.SINGLETON);
        newExporter(binder).export(AskStats.class).withGeneratedName();
        newExporter(binder).export(LlmStats.class).withGeneratedName();
        newExporter(binder).export(EmbeddingStats.class).withGeneratedName();
        newExporter(binder).export(AnswerCacheStats.class).withGeneratedName();
        newExporter(binder).export(ServedModel.class).withGeneratedName();
    }

    @Provides
    @Singleton
    public static Warehouse createWarehouse(PostgresConfig config, AskConfig ask, SemanticModel model)
    {
        return new Warehouse(new WarehouseConfig(
                config.getUrl(),
                config.getUser(),
                config.getPassword(),
                model.schema(),
                config.getAskSchema(),
                Duration.ofMillis(config.getConnectTimeout().toMillis()),
                config.passwordSecret()),
                ask.getMaxConcurrentQuestions());
    }

    @Provides
    @Singleton
    public static List<SemanticModel> createDomains(SemanticModelConfig config)
    {
        // a bad model fails the catalog at start, naming the file and line
        return SemanticModelLoader.loadDomains(Path.of(config.getPath()), config.domainsFolder());
    }

    /**
     * The model file's domain: the one {@code ai.metrics}, {@code ai.model} and the access rules are of.
     */
    @Provides
    @Singleton
    public static SemanticModel createSemanticModel(List<SemanticModel> domains)
    {
        return domains.getFirst();
    }

    @Provides
    @Singleton
    public static EmbeddingModel createEmbeddingModel(EmbeddingConfig config)
    {
        if (config.getProvider() == EmbeddingProvider.BEDROCK) {
            PinnedModels.check("ai.embedding.bedrock.model", config.getBedrockModel(), Optional.empty());
        }
        EmbeddingSettings settings = EmbeddingSettings.defaults()
                .withProvider(config.getProvider())
                .withBedrockModel(config.getBedrockModel())
                .withLocalThreads(config.getLocalThreads());
        if (config.getRegion() != null) {
            settings = settings.withRegion(config.getRegion());
        }
        if (config.getEndpoint() != null) {
            settings = settings.withEndpoint(URI.create(config.getEndpoint()));
        }
        return EmbeddingModels.create(settings);
    }

    @Provides
    @Singleton
    public static Optional<LlmClient> createLlmClient(Optional<LlmSettings> settings)
    {
        return settings.flatMap(LlmClients::create);
    }

    @Provides
    @Singleton
    public static LlmStats createLlmStats(Optional<LlmClient> llm, LlmConfig config)
    {
        return new LlmStats(llm.map(LlmClient::describe).orElse("none"), config.price());
    }

    @Provides
    @Singleton
    public static EmbeddingStats createEmbeddingStats(EmbeddingModel embeddings)
    {
        return new EmbeddingStats(embeddings.id());
    }

    @Provides
    @Singleton
    public static ServedModel createServedModel(List<SemanticModel> domains, Warehouse warehouse, EmbeddingModel embeddings, Optional<LlmClient> llm, AskConfig ask, SemanticModelConfig semanticModel,
            AccessConfig access, RetrievalConfig retrieval, EmbeddingStats embeddingStats, LlmStats llmStats, Tracer tracer)
    {
        AskSettings settings = new AskSettings(
                Duration.ofMillis(ask.getStatementTimeout().toMillis()),
                ask.getMaxRows(),
                ask.getCitations(),
                ask.getVerifiedSimilarity(),
                Duration.ofMillis(semanticModel.getRefresh().toMillis()),
                ask.referenceDate());
        // the engine's calls are counted; EngineResources closes the models themselves
        ObservedEmbeddingModel observedEmbeddings = new ObservedEmbeddingModel(embeddings, embeddingStats, tracer);
        Optional<LlmClient> observedLlm = llm.map(client -> new ObservedLlmClient(client, llmStats, tracer));
        // a model with a problem fails the catalog at start, naming the file and line, as a reload does
        return new ServedModel(domains, Path.of(semanticModel.getPath()), semanticModel.domainsFolder(), warehouse, Optional.ofNullable(access.getRulesFile()).map(Path::of),
                served -> new AskEngine(served, warehouse, observedEmbeddings, settings, observedLlm, retrieval.toSettings()));
    }

    @Provides
    @Singleton
    public static CallerAccess createCallerAccess(AccessConfig config, SemanticModel model)
    {
        if (config.getRulesFile() == null) {
            log.warn("ai.access.rules-file is not set: every user of the ai catalog sees every row");
            return new CallerAccess(AccessRules.allowAll());
        }
        // bad rules fail the catalog at start, naming the file, the rule and the problem
        return new CallerAccess(AccessRules.load(Path.of(config.getRulesFile()), model));
    }

    @Provides
    @Singleton
    public static AskScalarFunctions createScalarFunctions(ServedModel served, AskTelemetry telemetry, CallerAccess callers, AskUdfConfig config, AskConfig ask)
    {
        Answerer answerer = (session, function, question, referenceDate, access, sink) -> {
            AskEngine engine = served.engine();
            telemetry.ask(session, function, question.text()).answer(observer -> engine.answer(question, referenceDate, access, sink, observer));
        };
        return new AskScalarFunctions(answerer, callers::of, config, ask.getMaxQuestionLength());
    }
}
