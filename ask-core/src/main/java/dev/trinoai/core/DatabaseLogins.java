package dev.trinoai.core;

/**
 * Where the login for new connections comes from: the catalog file, or a secret that may be rotated under us.
 */
interface DatabaseLogins
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
