package dev.trinoai.core.warehouse;

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
    private final transient DatabaseLogins logins;

    LoginDataSource(DatabaseLogins logins)
    {
        this.logins = requireNonNull(logins, "logins is null");
    }

    @Override
    public Connection getConnection()
            throws SQLException
    {
        return logins.connect(this::connect);
    }

    private Connection connect(DatabaseLogin login)
            throws SQLException
    {
        return getConnection(login.user().orElse(null), login.password().orElse(null));
    }
}
