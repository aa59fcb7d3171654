package dev.trinoai.connector;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models' ids must name one version: an answer, its numbers' narrative and the vectors it searched are explained
 * by the ids in the answer log only if an id always means the same model. A "latest" alias moves under the catalog
 * without a restart, and so does an Ollama name without a tag, which Ollama reads as {@code :latest}.
 */
final class PinnedModels
{
    // "latest" as a word of the id: gpt-4o-latest, claude-3-5-sonnet-latest, llama3.1:latest
    private static final Pattern LATEST = Pattern.compile("(^|[-:._/@])latest($|[-:._/@])", Pattern.CASE_INSENSITIVE);
    // Ollama's own port: an OpenAI-compatible server there is Ollama, whose untagged names are :latest
    private static final int OLLAMA_PORT = 11434;

    private PinnedModels() {}

    /**
     * @param key the property that set the id, named in the message
     * @param server the OpenAI-compatible server's base URL, for a model served there
     * @throws IllegalArgumentException when the id is not pinned, saying what to write instead
     */
    static void check(String key, String model, Optional<URI> server)
    {
        if (LATEST.matcher(model).find()) {
            throw new IllegalArgumentException("%s=%s is an alias that moves to newer models: name one version (a dated or tagged id, e.g. llama3.1:8b-instruct-q4_K_M or anthropic.claude-3-5-haiku-20241022-v1:0), so that the answer log says which model answered"
                    .formatted(key, model));
        }
        if (server.filter(url -> url.getPort() == OLLAMA_PORT).isPresent() && !model.contains(":")) {
            throw new IllegalArgumentException("%s=%s has no tag, which Ollama reads as %s:latest, an alias that moves to newer models: name the tag you pulled (ollama list), e.g. %s:8b"
                    .formatted(key, model, model, model));
        }
    }
}
