package dev.trinoai.proxy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("security")
final class TestAskFailure
{
    private static final Optional<String> QUERY_ID = Optional.of("20261202_041417_00004_hgxz7");
    private static final SQLException CANCELED = new SQLException("Query failed (#20261202_041417_00004_hgxz7): Query was canceled", "57014", 3);

    @Test
    void aTrinoThatWasNotReachedSaysSoWithoutJavaClassNames()
    {
        SQLException refused = new SQLException("Error executing query: java.net.ConnectException: Failed to connect to /127.0.0.1:8080", null, 0, new ConnectException("Connection refused"));

        AskFailure failure = AskFailure.of(refused, Optional.empty(), () -> {
            throw new AssertionError("no query, no lookup");
        });

        assertThat(failure).isEqualTo(new AskFailure(0, AskFailure.TRINO_UNAVAILABLE,
                "Trino did not answer: Error executing query: Failed to connect to /127.0.0.1:8080 (Connection refused). It may be restarting: ask again in a minute.", Optional.empty()));
    }

    @Test
    void trinosFailureHasTrinosCodeNameAndMessage()
    {
        assertThat(AskFailure.of(CANCELED, QUERY_ID, () -> Optional.of("USER_CANCELED"))).isEqualTo(new AskFailure(3, "USER_CANCELED", "Query was canceled", QUERY_ID));
        assertThat(AskFailure.of(CANCELED, QUERY_ID, Optional::empty).name()).isEqualTo("UNKNOWN");
    }

    @Test
    void aTrinoThatIsStartingUpIsUnavailableForNow()
    {
        SQLException starting = new SQLException("Query failed (#20261202_042511_00001_4sriy): Trino server is still initializing", null, 65548);

        AskFailure failure = AskFailure.of(starting, QUERY_ID, () -> {
            throw new AssertionError("a starting Trino cannot look the name up either");
        });

        assertThat(failure).isEqualTo(new AskFailure(0, AskFailure.TRINO_UNAVAILABLE, "Trino server is still initializing. It may be restarting: ask again in a minute.", QUERY_ID));
    }

    @Test
    void aTrinoThatFailedTheQueryAndThenStoppedAnsweringWasShuttingDown()
    {
        AskFailure failure = AskFailure.of(CANCELED, QUERY_ID, () -> {
            throw new SQLException("Error executing query", null, 0, new ConnectException("Connection refused"));
        });

        assertThat(failure).isEqualTo(new AskFailure(0, AskFailure.TRINO_UNAVAILABLE,
                "Trino stopped while answering (Query was canceled). It may be restarting: ask again in a minute.", QUERY_ID));
    }
}
