package dev.schemagate.contract.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the {@code schemagate} history schema (docs/state.md, "The history schema"): version n
 * is {@code schema-v1.sql} … {@code schema-vn.sql} applied in order; a released script is never
 * edited. The runner installs and upgrades it; the webhook's and can-deploy's tests install it from
 * here, so they always test against the version the runner writes.
 */
public final class HistorySchemaScripts {

  /** The version of the history schema this build reads and writes. */
  public static final int VERSION = 2;

  private HistorySchemaScripts() {}

  /** The script that upgrades version {@code version - 1} to {@code version}. */
  public static String script(int version) {
    if (version < 1 || version > VERSION) {
      throw new IllegalArgumentException(
          "history schema version " + version + " does not exist; this build knows 1.." + VERSION);
    }
    String name = "schema-v" + version + ".sql";
    try (InputStream in = HistorySchemaScripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + name + " is missing from the contract module's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every script from version 1 to {@link #VERSION}, in order: the current schema on an empty
   * database.
   */
  public static List<String> all() {
    List<String> out = new ArrayList<>();
    for (int v = 1; v <= VERSION; v++) {
      out.add(script(v));
    }
    return out;
  }

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
        ResultSet rs =
            s.executeQuery("SELECT coalesce(max(version), 0) FROM schemagate.schema_info")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
