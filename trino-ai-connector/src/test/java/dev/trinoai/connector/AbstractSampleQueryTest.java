package dev.trinoai.connector;

import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;

import java.util.Map;

/**
 * A query runner with the ai catalog over the shared seed-42 sample, and the sample's database for the hand-written
 * SQL every number is checked against.
 */
abstract class AbstractSampleQueryTest
        extends AbstractTestQueryFramework
{
    protected TestingSampleWarehouse warehouse;

    @Override
    protected final QueryRunner createQueryRunner()
            throws Exception
    {
        warehouse = TestingSampleWarehouse.shared();
        return warehouse.queryRunner(catalogProperties());
    }

    /**
     * The ai catalog's properties beside the sample's own.
     */
    protected Map<String, String> catalogProperties()
    {
        return Map.of();
    }
}
