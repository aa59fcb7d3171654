package dev.trinoai.connector;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.trinoai.core.llm.LlmSettings;

import static io.airlift.configuration.ConfigBinder.configBinder;

/**
 * Installed for {@code ai.llm.provider=bedrock}.
 */
public final class BedrockLlmModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(BedrockLlmConfig.class);
    }

    @Provides
    @Singleton
    public static LlmSettings createSettings(BedrockLlmConfig bedrock, LlmConfig config)
    {
        return config.limit(bedrock.toSettings());
    }
}
