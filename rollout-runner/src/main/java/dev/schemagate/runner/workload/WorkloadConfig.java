package dev.schemagate.runner.workload;

import java.time.Duration;

/**
 * What the workload's clients do: each loops picking a random key of {@code table} (from a sample
 * taken at start) and runs either the read or, with probability {@code writeRatio}, the write,
 * each with the key bound to its one {@code ?}.
 *
 * @param read default {@code SELECT * FROM <table> WHERE <key> = ?}
 * @param write default {@code UPDATE <table> SET <key> = <key> WHERE <key> = ?} (a row lock and a
 *     new row version, firing the table's triggers, without changing data)
 * @param statementTimeout each client's statement_timeout: a query blocked longer fails and counts as an error
 */
public record WorkloadConfig(
    String table,
    String key,
    int clients,
    double writeRatio,
    String read,
    String write,
    Duration statementTimeout) {

  public static WorkloadConfig of(String table, String key, int clients) {
    return new WorkloadConfig(table, key, clients, 0.3, null, null, Duration.ofSeconds(30));
  }

  public WorkloadConfig withWriteRatio(double ratio) {
    return new WorkloadConfig(table, key, clients, ratio, read, write, statementTimeout);
  }

  public WorkloadConfig withRead(String sql) {
    return new WorkloadConfig(table, key, clients, writeRatio, sql, write, statementTimeout);
  }

  public WorkloadConfig withWrite(String sql) {
    return new WorkloadConfig(table, key, clients, writeRatio, read, sql, statementTimeout);
  }

  String readSql() {
    return read != null ? read : "SELECT * FROM " + table + " WHERE " + key + " = ?";
  }

  String writeSql() {
    return write != null ? write : "UPDATE " + table + " SET " + key + " = " + key + " WHERE " + key + " = ?";
  }
}
