package dev.schemagate.cli.candeploy;

import dev.schemagate.contract.state.TrackState;
import dev.schemagate.contract.state.TrackStateReader;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.runner.db.PgTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

  private final String jdbcUrl;
  private final String shownUrl;
  private final Properties props;

  private DatabaseState(String jdbcUrl, String shownUrl, Properties props) {
    this.jdbcUrl = jdbcUrl;
    this.shownUrl = shownUrl;
    this.props = props;
  }

  /**
   * @param url as {@link PgTarget#parse} reads it (the runner commands' parser)
   * @param passwordFile read first when given; otherwise PGPASSWORD
   * @param env the process environment (PGUSER, PGPASSWORD)
   */
  static DatabaseState of(String url, Path passwordFile, Map<String, String> env) {
    PgTarget target;
    try {
      target = PgTarget.parse(url, env);
    } catch (IllegalArgumentException e) {
      throw new BadInput(e.getMessage());
    }
    String jdbc = target.jdbcUrl();
    Properties p = new Properties();
    p.setProperty("user", target.user());
    String password = passwordFile != null ? readPassword(passwordFile) : env.get("PGPASSWORD");
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "schemagate-can-deploy");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "30");
    p.setProperty("readOnly", "true");
    return new DatabaseState(jdbc, target.shown() + " as " + target.user(), p);
  }

  private static String readPassword(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new BadInput(
          "--password-file " + file + ": cannot read: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public State read() {
    Map<String, CompatibilityWindow> windows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
      for (TrackState row : TrackStateReader.read(c, 0)) {
        try {
          windows.put(row.track(), row.window());
        } catch (IllegalArgumentException e) {
          problems.add("schemagate.track_state row " + row.track() + ": " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      if (TrackStateReader.isMissingSchema(e)) {
        throw new BadInput(
            shownUrl
                + " has no schemagate.track_state table: the rollout runner has not run against"
                + " this database (or --db names another one)",
            e);
      }
      throw new BadInput(
          "cannot read schemagate.track_state from " + shownUrl + ": " + firstLine(e.getMessage()),
          e);
    }
    return new State(windows, problems, "schemagate.track_state in " + shownUrl);
  }

  private static String firstLine(String s) {
    return s == null ? "unknown error" : s.strip().lines().findFirst().orElse(s);
  }
}
