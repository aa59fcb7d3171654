package dev.trinoai.connector;

import io.airlift.log.Logger;
import io.airlift.log.Logging;
import io.trino.testing.DistributedQueryRunner;

import java.util.Map;

/**
 * The plugin in a Trino query runner over the seed-42 sample, for trying it by hand as Trino's own plugins are tried:
 * run {@code main} from the IDE with {@code trino-ai-connector} as the working directory (it reads {@code ../etc}),
 * then point the Trino CLI at the address it logs, e.g. {@code trino --server http://127.0.0.1:PORT --catalog ai
 * --schema system}. It needs the PostgreSQL the tests use; the sample's database is dropped when it stops.
 */
public final class AiQueryRunner
{
    private AiQueryRunner() {}

    public static void main(String[] args)
            throws Exception
    {
        Logging.initialize();
        DistributedQueryRunner runner = TestingSampleWarehouse.shared().queryRunner(Map.of());
        Logger log = Logger.get(AiQueryRunner.class);
        log.info("======== SERVER STARTED ========");
        log.info("\n====\n%s\n====", runner.getCoordinator().getBaseUrl());
    }
}
