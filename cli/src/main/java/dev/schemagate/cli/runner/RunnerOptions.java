package dev.schemagate.cli.runner;

import dev.schemagate.runner.db.JdbcDatabase;
import dev.schemagate.runner.db.PgTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every runner command shares: the target database and its credentials. */
public final class RunnerOptions {

  @Option(
      names = "--db",
      paramLabel = "URL",
      description =
          "Target database, as psql takes it: jdbc:postgresql://HOST[:PORT]/DB, postgresql://[USER@]HOST[:PORT]/DB[?sslmode=…]"
              + " or \"host=… port=… dbname=…\"; what it leaves out comes from PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE"
              + " (without --db they say it all). Password from PGPASSWORD or --password-file, never from the URL")
  String db;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the password")
  Path passwordFile;

  public JdbcDatabase database() {
    PgTarget target = PgTarget.parse(db, System.getenv());
    String password = System.getenv("PGPASSWORD");
    if (passwordFile != null) {
      try {
        password =
            Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("")
                .strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--password-file "
                + passwordFile
                + ": cannot be read ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    return new JdbcDatabase(target, password == null || password.isEmpty() ? null : password);
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
