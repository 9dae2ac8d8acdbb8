package dev.schemagate.runner.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the runner's connections come from. Each call opens a new connection; the caller closes it.
 * {@link #describe()} is what messages and logs may show: never the password.
 */
public interface Database {

  Connection open() throws SQLException;

  /** The target for humans, e.g. {@code postgresql://db.example:5432/orders as migrator}. */
  String describe();
}
