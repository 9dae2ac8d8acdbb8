package dev.schemagate.runner.db;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL database reached through a {@code jdbc:postgresql://} URL. The password is kept
 * apart from the URL and never appears in {@link #describe()} or in any message.
 */
public final class JdbcDatabase implements Database {

  /** {@code application_name} of every runner session: how a waiting runner names the holder. */
  public static final String APPLICATION_NAME = "schemagate-runner";

  private final String url;
  private final String user;
  private final String password;
  private final String description;

  /**
   * @param url {@code jdbc:postgresql://host[:port]/database[?…]}; a {@code password} parameter in
   *     it is refused (pass it through the environment or a file)
   * @param user null to take it from the URL's {@code user} parameter (or the driver's default)
   * @param password null when the server needs none
   */
  public JdbcDatabase(String url, String user, String password) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--db must be a jdbc:postgresql://host:port/database URL");
    }
    if (url.toLowerCase(java.util.Locale.ROOT).matches(".*[?&]password=.*")) {
      throw new IllegalArgumentException(
          "--db must not carry the password; set PGPASSWORD or pass --password-file");
    }
    this.url = url;
    this.user = user;
    this.password = password;
    this.description = describe(url, user);
  }

  /** The database {@code target} names (see {@link PgTarget#parse}), as its user. */
  public JdbcDatabase(PgTarget target, String password) {
    this(target.jdbcUrl(), target.user(), password);
  }

  /**
   * A new session. A connection failure names the server and database it was for: {@code cannot
   * connect to postgresql://db1:5432/orders as app: <the driver's reason>}, with the driver's
   * SQLSTATE.
   */
  @Override
  public Connection open() throws SQLException {
    try {
      return connect();
    } catch (SQLException e) {
      String state = e.getSQLState();
      boolean connecting =
          state == null
              || state.startsWith("08")
              || state.startsWith("28")
              || state.equals("3D000")
              || state.equals("57P03")
              || state.equals("53300");
      if (!connecting) {
        throw e;
      }
      throw new SQLException(
          "cannot connect to "
              + description
              + ": "
              + SqlErrors.firstLine(e).replaceAll("\\.$", "")
              + nextStep(state),
          state,
          e);
    }
  }

  private static String nextStep(String state) {
    if (state == null || state.startsWith("08")) {
      return "; check the host and port of --db and that the server accepts TCP connections from here";
    }
    if (state.startsWith("28")) {
      return "; check the user (PGUSER or --db) and the password (PGPASSWORD or --password-file)";
    }
    if (state.equals("3D000")) {
      return "; check the database name in --db";
    }
    return "";
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", APPLICATION_NAME);
    p.setProperty("connectTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(url, p);
  }

  @Override
  public String describe() {
    return description;
  }

  private static String describe(String url, String user) {
    String rest = url.substring("jdbc:".length());
    String who = user;
    try {
      URI uri = URI.create(rest);
      if (who == null && uri.getQuery() != null) {
        for (String kv : uri.getQuery().split("&")) {
          if (kv.startsWith("user=")) {
            who = kv.substring(5);
          }
        }
      }
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      return "postgresql://"
          + host
          + port
          + (uri.getPath() == null ? "" : uri.getPath())
          + (who == null ? "" : " as " + who);
    } catch (IllegalArgumentException e) {
      int q = rest.indexOf('?');
      return (q < 0 ? rest : rest.substring(0, q)) + (who == null ? "" : " as " + who);
    }
  }
}
