package dev.trinoai.opensearch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * One OpenSearch node with the k-NN plugin, in this process, until the process is told to stop. Its URL is written
 * to a file once the node is ready, so whoever started it waits for that file rather than for a fixed time.
 *
 * <p>Usage: {@code OpenSearchNode DATA_DIR BASE_HTTP_PORT TRANSPORT_PORT URL_FILE}; the HTTP port is the base + 1
 * (the runner numbers nodes from 1).
 */
public final class OpenSearchNode
{
    private OpenSearchNode() {}

    public static void main(String[] args)
            throws IOException, InterruptedException
    {
        if (args.length != 4) {
            System.err.println("usage: OpenSearchNode DATA_DIR BASE_HTTP_PORT TRANSPORT_PORT URL_FILE");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        int baseHttpPort = Integer.parseInt(args[1]);
        String transportPort = args[2];
        Path urlFile = Path.of(args[3]);
        Files.createDirectories(data);

        OpenSearchRunner runner = new OpenSearchRunner();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            }
            catch (IOException e) {
                System.err.println("closing the node failed: " + e);
            }
            stopped.countDown();
        }));
        runner.onBuild((_, settings) -> settings
                        .put("discovery.type", "single-node")
                        .put("transport.port", transportPort)
                        .put("http.host", "127.0.0.1")
                        .put("transport.host", "127.0.0.1")
                        // a disk above 90% full must not turn the test indexes read-only
                        .put("cluster.routing.allocation.disk.threshold_enabled", false))
                .build(OpenSearchRunner.newConfigs()
                        .basePath(data.toString())
                        .numOfNode(1)
                        .baseHttpPort(baseHttpPort)
                        .clusterName("trino-ai-vectors")
                        .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
        runner.ensureYellow();
        String url = "http://127.0.0.1:" + runner.node().settings().get("http.port");
        Path part = urlFile.resolveSibling(urlFile.getFileName() + ".part");
        Files.writeString(part, url + "\n");
        Files.move(part, urlFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("OpenSearch is ready at " + url);
        stopped.await();
    }
}
