package dev.schemagate.cli.candeploy;

import dev.schemagate.analyzer.window.CompatibilityWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code schemagate.track_state} (docs/state.md, "The history schema"): the table the rollout
 * runner updates in the same transaction as each phase it applies, so it is the authoritative
 * window. Credentials come from PGUSER/PGPASSWORD or a password file, never from the URL, and are
 * never printed.
 */
final class DatabaseState implements StateSource {

  static final String QUERY = "SELECT track, contracted, expanded FROM schemagate.track_state ORDER BY track";

  private final String jdbcUrl;
  private final String shownUrl;
  private final Properties props;

  private DatabaseState(String jdbcUrl, String shownUrl, Properties props) {
    this.jdbcUrl = jdbcUrl;
    this.shownUrl = shownUrl;
    this.props = props;
  }

  /**
   * @param url {@code jdbc:postgresql://host:port/db} or {@code postgresql://[user@]host[:port]/db}
   * @param passwordFile read first when given; otherwise PGPASSWORD
   * @param env the process environment (PGUSER, PGPASSWORD)
   */
  static DatabaseState of(String url, Path passwordFile, Map<String, String> env) {
    String jdbc;
    String user = null;
    if (url.startsWith("jdbc:postgresql:")) {
      jdbc = url;
    } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      String rest = url.substring(url.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        user = authority.substring(0, at);
        rest = rest.substring(at + 1);
      }
      jdbc = "jdbc:postgresql://" + rest;
    } else {
      throw new BadInput("--db " + url + ": expected jdbc:postgresql://HOST[:PORT]/DB or postgresql://[USER@]HOST[:PORT]/DB");
    }
    if ((user != null && user.contains(":")) || jdbc.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      // Never echo it back: the URL may be in shell history or a process list already.
      throw new BadInput("--db must not carry a password (it would show in process lists and logs);"
          + " give it in PGPASSWORD or --password-file");
    }
    Properties p = new Properties();
    String envUser = env.get("PGUSER");
    if (envUser != null && !envUser.isEmpty()) {
      user = envUser;
    }
    if (user == null && !jdbc.contains("user=")) {
      user = System.getProperty("user.name"); // libpq's default
    }
    if (user != null) {
      p.setProperty("user", user);
    }
    String password = passwordFile != null ? readPassword(passwordFile) : env.get("PGPASSWORD");
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "schemagate-can-deploy");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "30");
    p.setProperty("readOnly", "true");
    return new DatabaseState(jdbc, jdbc, p);
  }

  private static String readPassword(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new BadInput("--password-file " + file + ": cannot read: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public State read() {
    Map<String, CompatibilityWindow> windows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        String track = rs.getString(1);
        try {
          windows.put(track, new CompatibilityWindow(track, rs.getInt(2), rs.getInt(3)));
        } catch (IllegalArgumentException e) {
          problems.add("schemagate.track_state row " + track + ": " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.equals("42P01") || state.equals("3F000")) {
        throw new BadInput(shownUrl + " has no schemagate.track_state table: the rollout runner has not run against"
            + " this database (or --db names another one)", e);
      }
      throw new BadInput("cannot read schemagate.track_state from " + shownUrl + ": " + firstLine(e.getMessage()), e);
    }
    return new State(windows, problems, "schemagate.track_state in " + shownUrl);
  }

  private static String firstLine(String s) {
    return s == null ? "unknown error" : s.strip().lines().findFirst().orElse(s);
  }
}
