package dev.trinoai.core;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb and pg_ctl of PostgreSQL 15 into a temp dir, on a free loopback port),
 * for what the shared server cannot be used for: checking passwords (it trusts loopback logins) and being restarted.
 * Logins over TCP need a password (scram-sha-256). Stopped and deleted on close.
 */
public final class TestingPostgresCluster
        implements AutoCloseable
{
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "postgres";

    private final Path directory;
    private final int port;
    private final String superuserPassword = "su-" + UUID.randomUUID();

    public TestingPostgresCluster()
    {
        try {
            directory = Files.createTempDirectory("trino-ai-pg");
            port = freePort();
            Path passwordFile = directory.resolve("pwfile");
            Files.writeString(passwordFile, superuserPassword);
            if (isRoot()) {
                // initdb refuses to run as root
                run(List.of("chown", "-R", SUPERUSER, directory.toString()));
            }
            asOwner(BIN.resolve("initdb").toString(), "-D", data(), "-U", SUPERUSER, "--pwfile", passwordFile.toString(),
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-N", "-E", "UTF8", "--locale=C");
            pgCtl("start");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port()
    {
        return port;
    }

    public String jdbcUrl(String database)
    {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(port, database);
    }

    public String superuserPassword()
    {
        return superuserPassword;
    }

    public void execute(String database, String... statements)
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fast restart: open connections are cut, the server is back when this returns.
     */
    public void restart()
    {
        pgCtl("restart", "-m", "fast");
    }

    @Override
    public void close()
    {
        try {
            pgCtl("stop", "-m", "immediate");
        }
        finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String data()
    {
        return directory.resolve("data").toString();
    }

    private void pgCtl(String... action)
    {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-w", "-t", "60", "-l", directory.resolve("log").toString(),
                "-o", "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off".formatted(port, directory)));
        command.addAll(List.of(action));
        asOwner(command.toArray(String[]::new));
    }

    // The cluster's files belong to the postgres user when the tests run as root.
    private static void asOwner(String... command)
    {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> line)
    {
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("%s failed: %s".formatted(String.join(" ", line), output));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot()
    {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
