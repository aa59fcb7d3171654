import dev.trinoai.core.embedding.EmbeddingPurpose;
import dev.trinoai.core.embedding.LocalEmbeddingModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * What the local embedding model costs a process: resident memory and Java heap before loading it and after
 * embedding a batch, and the time to load it.
 */
public final class ModelFootprint
{
    private ModelFootprint() {}

    public static void main(String[] args)
            throws Exception
    {
        long rssBefore = residentKb();
        long heapBefore = heapUsed();
        long start = System.nanoTime();
        try (LocalEmbeddingModel model = LocalEmbeddingModel.load(Runtime.getRuntime().availableProcessors())) {
            double loadMs = (System.nanoTime() - start) / 1e6;
            model.embed(Collections.nCopies(64, "The supplier is late delivering the hardware, so the launch may slip by two sprints."), EmbeddingPurpose.DOCUMENT);
            System.out.printf("local model load: %.0f ms; resident memory +%d MB; Java heap +%d MB (after a 64-text batch, after GC)%n",
                    loadMs, (residentKb() - rssBefore) / 1024, (heapUsed() - heapBefore) / (1024 * 1024));
        }
    }

    private static long heapUsed()
    {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static long residentKb()
            throws Exception
    {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        return status.stream().filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }
}
