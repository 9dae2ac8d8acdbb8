package dev.schemagate.cli.runner;

import dev.schemagate.runner.db.JdbcDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every runner command shares: the target database and its credentials. */
final class RunnerOptions {

  @Option(names = "--db", required = true, paramLabel = "JDBC_URL",
      description = "Target database, jdbc:postgresql://host:port/database (user from PGUSER or the URL's user parameter;"
          + " password from PGPASSWORD or --password-file, never from the URL)")
  String db;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password")
  Path passwordFile;

  JdbcDatabase database() {
    String user = System.getenv("PGUSER");
    String password = System.getenv("PGPASSWORD");
    if (passwordFile != null) {
      try {
        password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("--password-file " + passwordFile + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    boolean userInUrl = db != null && db.matches(".*[?&]user=.*");
    return new JdbcDatabase(db, userInUrl ? null : user, password == null || password.isEmpty() ? null : password);
  }

  static String defaultActor() {
    String user = Optional.ofNullable(System.getProperty("user.name")).orElse("unknown");
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return user + "@" + host;
  }
}
