package dev.trinoai.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

public final class LocalLandingZone
        implements LandingZone
{
    private final Path root;

    public LocalLandingZone(Path root)
    {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    @Override
    public List<LandedFile> list(String glob)
            throws IOException
    {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the landing zone folder does not exist");
        }
        Predicate<String> matches = LandingZone.globMatcher(glob);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> new LandedFile(root.relativize(file).toString().replace('\\', '/'), size(file)))
                    .filter(file -> matches.test(file.path()))
                    .sorted(Comparator.comparing(LandedFile::path))
                    .toList();
        }
    }

    @Override
    public InputStream open(LandedFile file)
            throws IOException
    {
        return Files.newInputStream(root.resolve(file.path()));
    }

    @Override
    public String location()
    {
        return root.toString();
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            return -1;
        }
    }
}
