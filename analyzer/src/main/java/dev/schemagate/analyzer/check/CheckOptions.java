package dev.schemagate.analyzer.check;

import dev.schemagate.analyzer.repo.BaseComparison;

/**
 * How to run a check.
 *
 * @param pgVersion overrides every track's PostgreSQL major version (and sets the version of plain
 *     SQL files); null keeps the configured one ({@link #DEFAULT_PG_VERSION} for plain files)
 * @param base the comparison with a base branch ({@code --base}); null reports on every file
 */
public record CheckOptions(Integer pgVersion, BaseComparison base) {

  /** The PostgreSQL major version assumed for plain SQL files when none is given. */
  public static final int DEFAULT_PG_VERSION = 17;

  public static CheckOptions defaults() {
    return new CheckOptions(null, null);
  }
}
