package dev.trinoai.jobs.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A piece of a text source's row, stored as one row of the vector table and cited as {@code source:sourceId}.
 *
 * @param number 0 for the first piece of a row, counting up
 */
public record Chunk(String source, String sourceId, int number, String title, String content, Map<String, String> metadata)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    public Chunk
    {
        requireNonNull(source, "source is null");
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(title, "title is null");
        requireNonNull(content, "content is null");
        metadata = new TreeMap<>(metadata);
    }

    /**
     * Where the chunk lives in the vector table, for one model.
     */
    public record Key(String source, String sourceId, int number) {}

    public Key key()
    {
        return new Key(source, sourceId, number);
    }

    /**
     * What the model embeds. The title leads, so a later piece of a long text still says what it is about, unless
     * the content already holds it (text sources usually list the title among their text columns).
     */
    public String embeddingText()
    {
        return content.contains(title) ? content : title + "\n\n" + content;
    }

    public String metadataJson()
    {
        try {
            return JSON.writeValueAsString(metadata);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes when anything stored for the chunk would change: its text, its metadata or the model. Equal hashes
     * mean the stored row is up to date and costs no embedding call.
     */
    public String contentHash(String modelId)
    {
        return sha256(modelId, title, content, metadataJson());
    }

    /**
     * Changes only when the vector would: two chunks with the same text share one vector under one model, whatever
     * their ids or metadata (a row that moved, a status that changed).
     */
    public String textHash()
    {
        return sha256(embeddingText());
    }

    /**
     * The hex SHA-256 of the parts, each ended by a zero byte.
     */
    static String sha256(String... parts)
    {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                // a separator no text contains, so ("ab", "c") and ("a", "bc") differ
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
