package dev.schemagate.rehearsal;

import dev.schemagate.runner.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The rehearsal's database on its embedded server, as the runner sees a database. */
record EmbeddedDatabase(int port, String name) implements Database {

  @Override
  public Connection open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("ApplicationName", "schemagate rehearsal");
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + name, p);
  }

  @Override
  public String describe() {
    return "embedded postgresql://localhost:" + port + "/" + name + " (rehearsal)";
  }
}
