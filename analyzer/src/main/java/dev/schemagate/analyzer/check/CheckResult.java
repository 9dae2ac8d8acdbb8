package dev.schemagate.analyzer.check;

import java.util.List;

/** Everything one {@code check} run found, file by file, in the order the files apply. */
public record CheckResult(int pgVersion, List<FileResult> files) {

  public CheckResult {
    files = List.copyOf(files);
  }

  public List<Finding> findings() {
    return files.stream().flatMap(f -> f.findings().stream()).toList();
  }

  public boolean failed() {
    return findings().stream().anyMatch(Finding::blocking);
  }

  public long count(Severity severity) {
    return findings().stream().filter(f -> f.severity() == severity && !f.waived()).count();
  }

  public int statementCount() {
    return files.stream().mapToInt(f -> f.statements().size()).sum();
  }
}
