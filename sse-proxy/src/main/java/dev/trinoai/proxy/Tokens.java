package dev.trinoai.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Bearer tokens mapped to Trino users. The file holds only SHA-256 digests of the tokens, one
 * {@code sha256:HEX = user} per line, so reading it does not hand out the tokens ({@code scripts/proxy.sh token USER}
 * makes a token and its line).
 */
public final class Tokens
{
    private static final Pattern LINE = Pattern.compile("sha256:([0-9a-f]{64})\\s*=\\s*([A-Za-z0-9._@-]+)");
    /**
     * Tokens that were published (the repository once shipped the first as the local stack's token): anyone may
     * know them, so a tokens file that lists one is refused.
     */
    private static final Map<String, String> PUBLISHED = Map.of(
            "ebf0f17b85b37abbff0239e4f83896ca7d9cff8a2422e5d62857d4157d0def26", "dev-analyst-token");

    private final Map<String, String> users;

    private Tokens(Map<String, String> users)
    {
        this.users = Map.copyOf(users);
    }

    public static Tokens load(Path file)
            throws IOException
    {
        requireNonNull(file, "file is null");
        Map<String, String> users = new HashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                problems.add("%s:%d: expected sha256:<64 lower-case hex digits> = user".formatted(file, i + 1));
            }
            else if (PUBLISHED.containsKey(matcher.group(1))) {
                problems.add("%s:%d: this is the published token \"%s\", which anyone may know; remove the line and make a token with scripts/proxy.sh token USER"
                        .formatted(file, i + 1, PUBLISHED.get(matcher.group(1))));
            }
            else if (users.putIfAbsent(matcher.group(1), matcher.group(2)) != null) {
                problems.add("%s:%d: this token is listed twice".formatted(file, i + 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid tokens file:\n  " + String.join("\n  ", problems));
        }
        return new Tokens(users);
    }

    /**
     * The user of an {@code Authorization} header value, if it carries a known bearer token.
     */
    public Optional<String> user(String authorization)
    {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(users.get(digest(authorization.substring(7).strip())));
    }

    public int size()
    {
        return users.size();
    }

    public static String digest(String token)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
