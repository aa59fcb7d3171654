package dev.trinoai.connector;

import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import dev.trinoai.core.AskEngine;
import dev.trinoai.core.Warehouse;
import dev.trinoai.core.WarehouseConfig;
import io.airlift.configuration.AbstractConfigurationAwareModule;

import java.time.Duration;

import static io.airlift.configuration.ConfigBinder.configBinder;

public final class AiModule
        extends AbstractConfigurationAwareModule
{
    @Override
    protected void setup(Binder binder)
    {
        configBinder(binder).bindConfig(PostgresConfig.class);
        configBinder(binder).bindConfig(AskConfig.class);

        binder.bind(AiConnector.class).in(Scopes.SINGLETON);
        binder.bind(AiMetadata.class).in(Scopes.SINGLETON);
        binder.bind(AiSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(AiFunctionProvider.class).in(Scopes.SINGLETON);
        binder.bind(AskFunction.class).in(Scopes.SINGLETON);
        binder.bind(AskProcessorProvider.class).in(Scopes.SINGLETON);
        binder.bind(AskExecutor.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    public static Warehouse createWarehouse(PostgresConfig config)
    {
        return new Warehouse(new WarehouseConfig(
                config.getUrl(),
                config.getUser(),
                config.getPassword(),
                config.getStagingSchema(),
                config.getStarSchema(),
                config.getAskSchema(),
                Duration.ofMillis(config.getConnectTimeout().toMillis())));
    }

    @Provides
    @Singleton
    public static AskEngine createAskEngine(Warehouse warehouse)
    {
        return new AskEngine(warehouse);
    }
}
