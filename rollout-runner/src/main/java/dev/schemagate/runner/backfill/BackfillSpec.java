package dev.schemagate.runner.backfill;

import dev.schemagate.analyzer.check.BackfillOptions;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.runner.apply.PhaseWork;
import java.time.Duration;
import java.util.List;

/**
 * One backfill to run: the batch statement of a {@code backfill.sql} and how to walk its table
 * (docs/migration-format.md, "Backfill phases"; docs/runner-backfill.md).
 *
 * @param source where the statement comes from, {@code path:line}, for messages
 * @param schema the table's schema, or null to resolve the table through {@code search_path}
 * @param table the table whose key ranges the batches walk
 * @param key the key columns in index order
 * @param statement the batch statement with {@code $1}/{@code $2} for the first and last key of a
 *     batch
 * @param workers connections running consecutive batches at once, committing in key order (the
 *     most, when adaptive)
 * @param adaptive batch duration and workers follow the observed load ({@link Throttle})
 * @param untilStart the walk stops at the table's last key when the backfill started
 */
public record BackfillSpec(
    String source,
    String schema,
    String table,
    List<String> key,
    String statement,
    int batch,
    int maxBatch,
    Duration target,
    Duration lockTimeout,
    Duration maxLag,
    Duration pause,
    int workers,
    boolean adaptive,
    boolean untilStart) {

  public BackfillSpec {
    key = List.copyOf(key);
    if (key.isEmpty()) {
      throw new IllegalArgumentException(source + ": a backfill needs at least one key column");
    }
  }

  /** The spec of a directive the analyzer read, from the file at {@code path}. */
  public static BackfillSpec of(String path, BackfillOptions o) {
    return new BackfillSpec(
        path + ":" + o.statement().line(),
        o.schema(),
        o.table(),
        o.key(),
        o.statement().text(),
        o.batch(),
        o.maxBatch(),
        o.target(),
        o.lockTimeout(),
        o.maxLag(),
        o.pause(),
        o.workers(),
        o.adaptive(),
        o.untilStart());
  }

  /**
   * The backfill of a phase the runner core is applying (its statements as the analyzer split
   * them).
   */
  public static BackfillSpec of(PhaseWork work) {
    List<SqlStatement> statements =
        work.statements().stream().map(ParsedStatement::source).toList();
    BackfillOptions found = null;
    for (SqlStatement s : statements) {
      for (Directive d : s.directives()) {
        if (!d.verb().equals(BackfillOptions.VERB)) {
          continue;
        }
        BackfillOptions.Parsed p = BackfillOptions.parse(work.file(), d, s);
        if (!p.problems().isEmpty()) {
          throw new BackfillException(String.join("\n", p.problems()));
        }
        if (found != null) {
          throw new BackfillException(
              work.file()
                  + ": several -- schemagate:backfill directives; a backfill phase holds one batch statement");
        }
        found = p.options().orElseThrow();
      }
    }
    if (found == null) {
      throw new BackfillException(
          work.file()
              + ": no -- schemagate:backfill directive; a backfill phase is one batch statement "
              + "under `-- schemagate:backfill table=<table> key=<column>` (docs/migration-format.md#backfill-phases)");
    }
    for (SqlStatement s : statements) {
      if (s != found.statement()) {
        throw new BackfillException(
            work.file()
                + ":"
                + s.line()
                + ": a backfill phase holds only its batch statement; move other statements to expand.sql or contract.sql");
      }
    }
    return of(work.file(), found);
  }

  /** The backfill a repository's {@code backfill.sql} declares. */
  public static BackfillSpec of(PhaseFile file) {
    return parse(file.repoPath(), file.text());
  }

  /**
   * Reads a backfill file: exactly one statement, preceded by its {@code -- schemagate:backfill}
   * directive. Anything else is a {@link BackfillException} naming the file.
   */
  public static BackfillSpec parse(String path, String text) {
    SplitFile split = SqlSplitter.split(path, text);
    List<BackfillOptions.Parsed> parsed = BackfillOptions.of(split);
    if (parsed.isEmpty()) {
      throw new BackfillException(
          path
              + ": no -- schemagate:backfill directive; a backfill phase is one batch statement "
              + "under `-- schemagate:backfill table=<table> key=<column>` (docs/migration-format.md#backfill-phases)");
    }
    if (parsed.size() > 1) {
      throw new BackfillException(
          path
              + ": "
              + parsed.size()
              + " -- schemagate:backfill directives; a backfill phase holds one batch statement");
    }
    BackfillOptions.Parsed p = parsed.get(0);
    if (!p.problems().isEmpty()) {
      throw new BackfillException(String.join("\n", p.problems()));
    }
    BackfillOptions o = p.options().orElseThrow();
    List<SqlStatement> others =
        split.statements().stream().filter(s -> s != o.statement()).toList();
    if (!others.isEmpty()) {
      throw new BackfillException(
          path
              + ":"
              + others.get(0).line()
              + ": a backfill phase holds only its batch statement; move other statements to expand.sql or contract.sql");
    }
    return of(path, o);
  }

  /**
   * The effective options, as a directive would write them: what {@code plan} shows and the
   * benchmarks print.
   */
  public String settings() {
    return "batch="
        + batch
        + " max_batch="
        + maxBatch
        + " target="
        + target.toMillis()
        + "ms lock_timeout="
        + lockTimeout.toMillis()
        + "ms max_lag="
        + maxLag.toMillis()
        + "ms pause="
        + pause.toMillis()
        + "ms workers="
        + workers
        + " adaptive="
        + (adaptive ? "on" : "off")
        + " until="
        + (untilStart ? "start" : "end");
  }

  /** {@code schema.table} or {@code table}, for messages. */
  public String tableName() {
    return schema == null ? table : schema + "." + table;
  }
}
