package dev.trinoai.core.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the login for new connections comes from: the catalog file (or the jobs' environment), or a secret that may be
 * rotated under us.
 */
public interface DatabaseLogins
        extends AutoCloseable
{
    DatabaseLogin current();

    /**
     * PostgreSQL refused {@code refused}: reads the login again, and says whether there is another one to try.
     */
    boolean refresh(DatabaseLogin refused);

    /**
     * Which setting an operator fixes when PostgreSQL refuses the login.
     */
    String whatToFix();

    @Override
    void close();

    /**
     * A new connection, opened by {@code opener} with the current login. When PostgreSQL refuses the password (SQLSTATE
     * 28P01), the secret was rotated since we read it: it is read once more and the login tried again, not on every
     * refusal.
     */
    default Connection connect(Opener opener)
            throws SQLException
    {
        DatabaseLogin login = current();
        try {
            return opener.open(login);
        }
        catch (SQLException e) {
            if ("28P01".equals(e.getSQLState()) && refresh(login)) {
                return opener.open(current());
            }
            throw e;
        }
    }

    interface Opener
    {
        Connection open(DatabaseLogin login)
                throws SQLException;
    }

    static DatabaseLogins fixed(DatabaseLogin login)
    {
        return new DatabaseLogins()
        {
            @Override
            public DatabaseLogin current()
            {
                return login;
            }

            @Override
            public boolean refresh(DatabaseLogin refused)
            {
                return false;
            }

            @Override
            public String whatToFix()
            {
                return "Fix ai.postgres.user and ai.postgres.password in the catalog file.";
            }

            @Override
            public void close() {}
        };
    }
}
