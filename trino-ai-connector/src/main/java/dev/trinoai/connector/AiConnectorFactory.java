package dev.trinoai.connector;

import com.google.inject.Injector;
import com.google.inject.Module;
import io.airlift.bootstrap.Bootstrap;
import io.opentelemetry.api.trace.Tracer;
import io.trino.plugin.base.CatalogNameModule;
import io.trino.plugin.base.jmx.ConnectorObjectNameGeneratorModule;
import io.trino.plugin.base.jmx.MBeanServerModule;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import org.weakref.jmx.guice.MBeanModule;

import java.util.List;
import java.util.Map;

import static io.trino.plugin.base.Versions.checkStrictSpiVersionMatch;
import static java.util.Objects.requireNonNull;

public final class AiConnectorFactory
        implements ConnectorFactory
{
    public static final String CONNECTOR_NAME = "ai";

    @Override
    public String getName()
    {
        return CONNECTOR_NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context)
    {
        requireNonNull(catalogName, "catalogName is null");
        requireNonNull(config, "config is null");
        checkStrictSpiVersionMatch(context, this);

        Injector injector = new Bootstrap(modules(catalogName, context))
                .doNotInitializeLogging()
                .setRequiredConfigurationProperties(config)
                .initialize();
        return injector.getInstance(AiConnector.class);
    }

    /**
     * What a catalog is made of, its settings among them (which docs/configuration.md lists).
     */
    static List<Module> modules(String catalogName, ConnectorContext context)
    {
        return List.of(
                new CatalogNameModule(catalogName),
                new MBeanModule(),
                new MBeanServerModule(),
                // the beans are named trino.plugin.ai:type=AskStats,name=<catalog>, as Trino's own plugins name theirs
                new ConnectorObjectNameGeneratorModule("dev.trinoai.connector", "trino.plugin.ai"),
                binder -> binder.bind(Tracer.class).toInstance(context.getTracer()),
                new AiModule());
    }
}
