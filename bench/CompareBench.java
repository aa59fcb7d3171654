import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * ask() in the real Trino server against what a user would do without it: the evaluation set's hand-written SQL
 * run (a) directly in PostgreSQL and (b) through Trino's PostgreSQL connector (catalog pg). Every round asks each
 * question the three ways in turn, so the compared commands share the machine's state; the first rounds warm up.
 *
 * Usage: java -cp ... CompareBench.java TRINO_URL POSTGRES_URL QUESTIONS_YAML AS_OF ROUNDS WARMUP
 */
public final class CompareBench
{
    // question classes and the evaluation set's questions that stand for them
    private static final Map<String, List<String>> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("single number", List.of("apollo-spend-this-year", "data-lake-migration-open-risks", "critical-incidents-this-year"));
        CLASSES.put("grouped", List.of("mttr-by-team-this-quarter", "velocity-by-team-last-quarter", "open-risks-by-severity"));
        CLASSES.put("ranked", List.of("top5-projects-spend-last-year", "worst-velocity-team-this-quarter", "worst5-services-mttr-this-year"));
        CLASSES.put("trend", List.of("velocity-trend-by-month-this-year", "falcon-incidents-per-month-last-6-months", "sre-mttr-over-time-this-year"));
        CLASSES.put("numbers + context", List.of("over-budget-and-why-this-quarter", "worst-mttr-team-this-quarter-what-went-wrong", "horizon-critical-risks-count-and-what"));
    }

    private CompareBench() {}

    public static void main(String[] args)
            throws Exception
    {
        String trinoUrl = args[0];
        String postgresUrl = args[1];
        JsonNode set = new ObjectMapper(new YAMLFactory()).readTree(new File(args[2]));
        String asOf = args[3];
        int rounds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);

        Map<String, JsonNode> questions = new LinkedHashMap<>();
        set.path("questions").forEach(question -> questions.put(question.path("id").asText(), question));

        Properties trinoProperties = new Properties();
        trinoProperties.setProperty("user", "bench");
        // the local stack's Trino asks for a password over HTTPS (scripts/bench.sh passes bench's in the environment)
        Optional.ofNullable(System.getenv("TRINO_PASSWORD")).ifPresent(password -> trinoProperties.setProperty("password", password));
        trinoProperties.setProperty("sessionProperties", "ai.reference_date:" + asOf);
        Properties postgresProperties = new Properties();
        postgresProperties.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        try (Connection trino = DriverManager.getConnection(trinoUrl, trinoProperties);
                Connection postgres = DriverManager.getConnection(postgresUrl, postgresProperties)) {
            // what any query costs through Trino's client protocol on this machine, the floor under ask(): measured
            // in the same rounds as the questions
            List<Double> floor = new ArrayList<>();
            System.out.printf(Locale.ROOT, "%-18s %-44s %10s %10s %10s %10s %10s %10s %9s%n",
                    "class", "question", "ask p50", "ask p95", "pg p50", "pg p95", "trino-pg", "p95", "ask - pg");
            for (Map.Entry<String, List<String>> questionClass : CLASSES.entrySet()) {
                List<Double> classAsk = new ArrayList<>();
                List<Double> classDirect = new ArrayList<>();
                List<Double> classConnector = new ArrayList<>();
                for (String id : questionClass.getValue()) {
                    JsonNode question = questions.get(id);
                    String sql = question.path("expect").path("sql").asText().strip();
                    String ask = "SELECT * FROM TABLE(ai.system.ask(question => '%s'))".formatted(question.path("question").asText().replace("'", "''"));
                    String connector = sql.replaceAll("\\bstar\\.", "pg.star.");
                    List<Double> askTimes = new ArrayList<>();
                    List<Double> directTimes = new ArrayList<>();
                    List<Double> connectorTimes = new ArrayList<>();
                    boolean connectorWorks = true;
                    for (int round = 0; round < rounds + warmup; round++) {
                        double floorMs = time(trino, "SELECT 1");
                        double askMs = time(trino, ask);
                        double directMs = time(postgres, sql);
                        double connectorMs = connectorWorks ? timeOrNaN(trino, connector) : Double.NaN;
                        connectorWorks = !Double.isNaN(connectorMs);
                        if (round >= warmup) {
                            floor.add(floorMs);
                            askTimes.add(askMs);
                            directTimes.add(directMs);
                            connectorTimes.add(connectorMs);
                        }
                    }
                    classAsk.addAll(askTimes);
                    classDirect.addAll(directTimes);
                    if (connectorWorks) {
                        classConnector.addAll(connectorTimes);
                    }
                    print(questionClass.getKey(), id, askTimes, directTimes, connectorWorks ? connectorTimes : List.of());
                }
                print(questionClass.getKey(), "ALL", classAsk, classDirect, classConnector);
            }
            System.out.printf(Locale.ROOT, "%nSELECT 1 through Trino JDBC in the same rounds (the floor under any Trino query): p50 %.1f ms, p95 %.1f ms%n",
                    percentile(floor, 0.5), percentile(floor, 0.95));
        }
    }

    private static void print(String questionClass, String id, List<Double> ask, List<Double> direct, List<Double> connector)
    {
        System.out.printf(Locale.ROOT, "%-18s %-44s %10.1f %10.1f %10.1f %10.1f %10s %10s %9.1f%n",
                questionClass, id, percentile(ask, 0.5), percentile(ask, 0.95), percentile(direct, 0.5), percentile(direct, 0.95),
                connector.isEmpty() ? "n/a" : "%.1f".formatted(percentile(connector, 0.5)),
                connector.isEmpty() ? "n/a" : "%.1f".formatted(percentile(connector, 0.95)),
                percentile(ask, 0.5) - percentile(direct, 0.5));
    }

    private static double timeOrNaN(Connection connection, String sql)
    {
        try {
            return time(connection, sql);
        }
        catch (SQLException e) {
            System.err.println("through the pg catalog: " + e.getMessage().lines().findFirst().orElse(""));
            return Double.NaN;
        }
    }

    // wall time until the last row has been read, as a client sees it
    private static double time(Connection connection, String sql)
            throws SQLException
    {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(List<Double> values, double percentile)
    {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(percentile * sorted.size()) - 1));
    }
}
