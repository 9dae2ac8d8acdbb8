package dev.schemagate.runner.history;

import dev.schemagate.contract.history.HistorySchemaScripts;
import dev.schemagate.runner.RunnerException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code schemagate} schema in the target database: installed on first contact (the caller
 * holds the runner lock, so two runners never install it twice), upgraded from an older version,
 * and checked on every later contact. The scripts live in the contract module ({@link
 * HistorySchemaScripts}), which the webhook and can-deploy share.
 */
public final class HistorySchema {

  /** The version of the history schema this runner reads and writes. */
  public static final int VERSION = HistorySchemaScripts.VERSION;

  private HistorySchema() {}

  /** The installed version, or 0 when the schema is not installed. */
  public static int installedVersion(Connection c) throws SQLException {
    return HistorySchemaScripts.installedVersion(c);
  }

  /**
   * Installs the schema when it is missing, upgrades an older version (in one transaction: a failed
   * upgrade leaves the old version), and refuses a version this runner does not know.
   *
   * @return the version found before: 0 when it was installed now, {@link #VERSION} when nothing
   *     changed
   */
  public static int ensure(Connection c) throws SQLException {
    int installed = installedVersion(c);
    if (installed == VERSION) {
      return installed;
    }
    if (installed > VERSION) {
      throw new RunnerException(
          "schemagate.schema_info says history schema version "
              + installed
              + ", written by a newer schemagate; this runner knows version "
              + VERSION
              + ". Upgrade schemagate.");
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
    return HistorySchemaScripts.script(version);
  }
}
