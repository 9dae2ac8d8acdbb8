package dev.schemagate.runner.workload;

import java.time.Duration;

/**
 * What the workload's clients do: each loops picking a random key of {@code table} (from a sample
 * taken at start) and runs the read, or with probability {@code writeRatio} the write, each with
 * the key bound to its one {@code ?}; or, with probability {@code insertRatio}, the insert with a
 * fresh key (above the table's largest when the workload started) bound to its one {@code ?}.
 *
 * @param read default {@code SELECT * FROM <table> WHERE <key> = ?}
 * @param write default {@code UPDATE <table> SET <key> = <key> WHERE <key> = ?} (a row lock and a
 *     new row version, firing the table's triggers, without changing data)
 * @param insertRatio share of inserts (0 by default); needs {@code insert} and an integer key
 * @param insert an {@code INSERT} with one {@code ?} for the new row's key (no default: only the
 *     caller knows the table's other columns)
 * @param statementTimeout each client's statement_timeout: a query blocked longer fails and counts
 *     as an error
 */
public record WorkloadConfig(
    String table,
    String key,
    int clients,
    double writeRatio,
    String read,
    String write,
    double insertRatio,
    String insert,
    Duration statementTimeout) {

  public WorkloadConfig {
    if (writeRatio < 0 || insertRatio < 0 || writeRatio + insertRatio > 1) {
      throw new IllegalArgumentException(
          "workload: write ratio "
              + writeRatio
              + " and insert ratio "
              + insertRatio
              + " must each be >= 0 and add up to at most 1");
    }
    if (insertRatio > 0 && insert == null) {
      throw new IllegalArgumentException(
          "workload: an insert ratio of "
              + insertRatio
              + " needs the INSERT statement"
              + " (one ? for the new key), e.g. --insert \"INSERT INTO "
              + table
              + " ("
              + key
              + ", …) VALUES (?, …)\"");
    }
  }

  public static WorkloadConfig of(String table, String key, int clients) {
    return new WorkloadConfig(
        table, key, clients, 0.3, null, null, 0, null, Duration.ofSeconds(30));
  }

  public WorkloadConfig withWriteRatio(double ratio) {
    return new WorkloadConfig(
        table, key, clients, ratio, read, write, insertRatio, insert, statementTimeout);
  }

  public WorkloadConfig withRead(String sql) {
    return new WorkloadConfig(
        table, key, clients, writeRatio, sql, write, insertRatio, insert, statementTimeout);
  }

  public WorkloadConfig withWrite(String sql) {
    return new WorkloadConfig(
        table, key, clients, writeRatio, read, sql, insertRatio, insert, statementTimeout);
  }

  /** Inserts {@code sql} (one {@code ?}: a fresh key) for a share {@code ratio} of the queries. */
  public WorkloadConfig withInserts(double ratio, String sql) {
    return new WorkloadConfig(
        table, key, clients, writeRatio, read, write, ratio, sql, statementTimeout);
  }

  String readSql() {
    return read != null ? read : "SELECT * FROM " + table + " WHERE " + key + " = ?";
  }

  String writeSql() {
    return write != null
        ? write
        : "UPDATE " + table + " SET " + key + " = " + key + " WHERE " + key + " = ?";
  }

  /** What the clients run, for reports: "70% reads by key, 20% updates, 10% inserts". */
  public String mix() {
    long reads = Math.round(100 * (1 - writeRatio - insertRatio));
    return reads
        + "% reads by key, "
        + Math.round(100 * writeRatio)
        + "% single-row updates"
        + (insertRatio > 0 ? ", " + Math.round(100 * insertRatio) + "% inserts" : "");
  }
}
