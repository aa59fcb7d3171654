package dev.trinoai.core;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * Opens each connection with the current login rather than one fixed when the pool was built, so a rotated secret
 * reaches new connections while those already open keep working.
 */
final class LoginDataSource
        extends PGSimpleDataSource
{
    private static final String INVALID_PASSWORD = "28P01";

    private final transient DatabaseLogins logins;

    LoginDataSource(DatabaseLogins logins)
    {
        this.logins = requireNonNull(logins, "logins is null");
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        DatabaseLogin login = logins.current();
        try {
            return connect(login);
        }
        catch (SQLException e) {
            // The secret was rotated since we read it: read it once more before failing, not on every refusal.
            if (INVALID_PASSWORD.equals(e.getSQLState()) && logins.refresh(login)) {
                return connect(logins.current());
            }
            throw e;
        }
    }

    private Connection connect(DatabaseLogin login)
            throws SQLException
    {
        return getConnection(login.user().orElse(null), login.password().orElse(null));
    }
}
