package dev.schemagate.runner.history;

import dev.schemagate.runner.RunnerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code schemagate} schema in the target database: installed on first contact (the caller
 * holds the runner lock, so two runners never install it twice), upgraded from an older version,
 * and checked on every later contact. Version n is {@code schema-v1.sql} … {@code schema-vn.sql}
 * applied in order; a released script is never edited.
 */
public final class HistorySchema {

  /** The version of the history schema this runner reads and writes. */
  public static final int VERSION = 2;

  private HistorySchema() {}

  /** The installed version, or 0 when the schema is not installed. */
  public static int installedVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('schemagate.schema_info') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schemagate.schema_info")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Installs the schema when it is missing, upgrades an older version (in one transaction: a
   * failed upgrade leaves the old version), and refuses a version this runner does not know.
   *
   * @return the version found before: 0 when it was installed now, {@link #VERSION} when nothing changed
   */
  public static int ensure(Connection c) throws SQLException {
    int installed = installedVersion(c);
    if (installed == VERSION) {
      return installed;
    }
    if (installed > VERSION) {
      throw new RunnerException("schemagate.schema_info says history schema version " + installed
          + ", written by a newer schemagate; this runner knows version " + VERSION + ". Upgrade schemagate.");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (int v = installed + 1; v <= VERSION; v++) {
        s.execute(ddl(v));
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    return installed;
  }

  static String ddl(int version) {
    String name = "schema-v" + version + ".sql";
    try (InputStream in = HistorySchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the runner's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
