package dev.trinoai.jobs;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestJobDatabase
{
    @Test
    void messagesNameTheUrlWithoutAPasswordItCarries()
    {
        JobDatabase database = new JobDatabase("jdbc:postgresql://db.internal:5432/pmo?ssl=true&password=s3cr3t-planted&user=etl", Optional.empty(), Optional.of("other-s3cr3t"));

        assertThat(database.displayUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/pmo?ssl=true&password=***&user=etl");
        assertThat(database.toString()).contains("db.internal:5432/pmo").doesNotContain("s3cr3t");
    }
}
