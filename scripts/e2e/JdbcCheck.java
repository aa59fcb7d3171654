import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What a BI tool does over the real Trino JDBC driver: connect to ai/system with the session's reference date, read
 * the typed columns of ask_numbers() from the result set metadata, and run the scalar functions. Prints one line per
 * result for scripts/e2e.sh to compare with PostgreSQL; exits non-zero on any failure.
 *
 * Run with the driver on the class path: TRINO_PASSWORD=... java -cp trino-jdbc-476.jar scripts/e2e/JdbcCheck.java jdbc:trino://... user YYYY-MM-DD
 */
public final class JdbcCheck
{
    private JdbcCheck() {}

    public static void main(String[] args)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        // the user's password, from the environment so that it is on no command line
        String password = System.getenv("TRINO_PASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("sessionProperties", "ai.reference_date:" + args[2]);
        try (Connection connection = DriverManager.getConnection(args[0], properties); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT * FROM TABLE(ai.system.ask_numbers(question => 'Which programs are over budget this quarter?'))")) {
                ResultSetMetaData metadata = rs.getMetaData();
                StringBuilder columns = new StringBuilder("columns");
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    columns.append(' ').append(metadata.getColumnName(i)).append(':').append(metadata.getColumnTypeName(i));
                }
                System.out.println(columns);
                while (rs.next()) {
                    System.out.printf("numbers %s %.6f%n", rs.getString(1), rs.getDouble(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT ai.system.ask_value('budget variance % for Apollo this quarter'), ai.system.ask_text('budget variance % for Apollo this quarter')")) {
                rs.next();
                System.out.printf("value %.6f%n", rs.getDouble(1));
                System.out.println("text " + rs.getString(2));
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM TABLE(ai.system.ask(question => 'How is Apollo doing?')) WHERE kind = 'number'")) {
                rs.next();
                System.out.println("ask numbers " + rs.getLong(1));
            }
        }
    }
}
