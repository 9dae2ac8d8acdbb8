package dev.schemagate.runner.workload;

import dev.schemagate.analyzer.repo.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code java -cp … dev.schemagate.runner.workload.WorkloadMain --url jdbc:postgresql://… --table
 * orders --key id [options] [--sql migration.sql | -- command …]}: runs the workload for a "before"
 * window, then the migration (a SQL file on its own connection, or a command such as {@code
 * ./schemagate apply …}) as "during", then "after", and prints the figures of each window. The
 * password comes from {@code PGPASSWORD}, never from the command line. Exit code 0, or 1 when a
 * workload query failed, 2 on bad arguments.
 */
public final class WorkloadMain {

  private WorkloadMain() {}

  static final String USAGE =
      """
      usage: WorkloadMain --url JDBC_URL --table TABLE --key COLUMN [--user USER] [--clients 8] [--write-ratio 0.3]
                          [--insert-ratio 0 --insert SQL] [--read SQL] [--write SQL] [--before 5s] [--during 10s] [--after 5s]
                          [--sql FILE | -- COMMAND ARGS…]
        --read/--write   statements with one ? bound to a random existing key (defaults: SELECT by key;
                         UPDATE … SET key = key WHERE key = ?)
        --insert SQL     an INSERT with one ? bound to a fresh key (above the table's largest; integer keys),
                         run for --insert-ratio of the queries (the rest: reads)
        --sql FILE       the migration: the file's SQL sent as one script on its own connection
        -- COMMAND…      the migration: a command run with inherited stdio (e.g. ./schemagate apply …)
        without either, the "during" window lasts --during
        password: PGPASSWORD (never on the command line)""";

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    String url = null;
    String user = System.getenv().getOrDefault("PGUSER", "postgres");
    String table = null;
    String key = null;
    String read = null;
    String write = null;
    String insert = null;
    double insertRatio = 0;
    String sql = null;
    int clients = 8;
    double writeRatio = 0.3;
    Duration before = Duration.ofSeconds(5);
    Duration during = Duration.ofSeconds(10);
    Duration after = Duration.ofSeconds(5);
    List<String> command = new ArrayList<>();
    WorkloadConfig config;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--")) {
          command.addAll(List.of(args).subList(i + 1, args.length));
          break;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--url" -> url = v;
          case "--user" -> user = v;
          case "--table" -> table = v;
          case "--key" -> key = v;
          case "--read" -> read = v;
          case "--write" -> write = v;
          case "--sql" -> sql = v;
          case "--clients" -> clients = Integer.parseInt(v);
          case "--write-ratio" -> writeRatio = Double.parseDouble(v);
          case "--insert-ratio" -> insertRatio = Double.parseDouble(v);
          case "--insert" -> insert = v;
          case "--before" -> before = Durations.parse(v);
          case "--during" -> during = Durations.parse(v);
          case "--after" -> after = Durations.parse(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (url == null || table == null || key == null) {
        throw new IllegalArgumentException("--url, --table and --key are required");
      }
      if (clients < 1) {
        throw new IllegalArgumentException("--clients must be >= 1");
      }
      config =
          WorkloadConfig.of(table, key, clients)
              .withWriteRatio(writeRatio)
              .withRead(read)
              .withWrite(write)
              .withInserts(insertRatio, insert);
    } catch (IllegalArgumentException e) {
      System.err.println(
          e.getMessage().startsWith("workload: ") ? e.getMessage() : "workload: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    Properties p = new Properties();
    p.setProperty("user", user);
    String password = System.getenv("PGPASSWORD");
    if (password != null) {
      p.setProperty("password", password);
    }
    String jdbc = url;
    Workload.Connector connector = () -> DriverManager.getConnection(jdbc, p);
    Workload w = Workload.start(connector, config, "before");
    Workload.hold(before);
    w.window("during");
    long t0 = System.nanoTime();
    String outcome;
    if (sql != null) {
      outcome = runSql(connector, Path.of(sql));
    } else if (!command.isEmpty()) {
      int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
      outcome = "command exited " + rc;
    } else {
      Workload.hold(during);
      outcome = "no migration";
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    w.window("after");
    Workload.hold(after);
    List<WindowStats> stats = w.stop();
    System.out.printf(Locale.ROOT, "migration: %s in %.2f s%n", outcome, took.toNanos() / 1e9);
    System.out.print(Workload.table(stats));
    return stats.stream().anyMatch(s -> s.errors() > 0) ? 1 : 0;
  }

  private static String runSql(Workload.Connector connector, Path file) throws Exception {
    String text = Files.readString(file);
    try (Connection c = connector.open();
        Statement s = c.createStatement()) {
      s.execute(text);
      return file + " applied";
    } catch (SQLException e) {
      return file + " failed: " + e.getMessage();
    }
  }
}
