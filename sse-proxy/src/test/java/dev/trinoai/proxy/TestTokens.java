package dev.trinoai.proxy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
final class TestTokens
{
    @Test
    void mapsBearerTokensToUsersByTheirDigest(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("tokens"), "# analysts\nsha256:%s = ann\n\nsha256:%s=bob\n".formatted(Tokens.digest("a-secret"), Tokens.digest("b-secret")));
        Tokens tokens = Tokens.load(file);

        assertThat(tokens.user("Bearer a-secret")).hasValue("ann");
        assertThat(tokens.user("bearer b-secret")).hasValue("bob");
        assertThat(tokens.user("Bearer c-secret")).isEmpty();
        assertThat(tokens.user("Basic YTpi")).isEmpty();
        assertThat(tokens.user(null)).isEmpty();
    }

    @Test
    void refusesLinesThatAreNotDigests(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("tokens"), "a-secret = ann\n");
        assertThatThrownBy(() -> Tokens.load(file)).hasMessageContaining("tokens:1: expected sha256:<64 lower-case hex digits> = user");
    }

    @Test
    void refusesTheTokenThatWasPublishedAsTheDevelopmentToken(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("tokens"), "sha256:%s = analyst\n".formatted(Tokens.digest("dev-analyst-token")));
        assertThatThrownBy(() -> Tokens.load(file)).hasMessageContaining("tokens:1: this is the published token \"dev-analyst-token\"");
    }

    @Test
    void theShippedTokensFileHasNoToken()
            throws IOException
    {
        assertThat(Tokens.load(Path.of("../etc/proxy/tokens.properties")).size()).isZero();
    }
}
