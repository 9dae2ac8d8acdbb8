package dev.schemagate.runner.plan;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.PhaseOptions;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.SqlFile;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.runner.RunnerException;
import dev.schemagate.runner.apply.PhaseWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the analyzer's verdict on a commit into runnable phases: the statements exactly as the
 * analyzer split and parsed them, and its predicted locks (the static lock model's facts).
 */
public final class PhaseWorks {

  private final Map<String, FileResult> byPath = new HashMap<>();
  private final String commit;

  public PhaseWorks(CheckResult checked, String commit) {
    for (FileResult f : checked.files()) {
      byPath.put(f.path(), f);
    }
    this.commit = commit;
  }

  public String commit() {
    return commit;
  }

  public PhaseWork of(PhaseFile file) {
    FileResult result = byPath.get(file.repoPath());
    if (result == null) {
      throw new IllegalStateException(file.repoPath() + " was not analyzed");
    }
    List<ParsedStatement> statements =
        result.statements().stream().map(StatementFacts::statement).toList();
    requireRunnable(
        file.repoPath(), statements, options(file.repoPath(), file.text()).transactional());
    Map<String, LockMode> locks = new LinkedHashMap<>();
    Set<String> tables = new LinkedHashSet<>();
    for (StatementFacts f : result.statements()) {
      for (RelationLock l : f.locks()) {
        locks.merge(l.relation(), l.mode(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        if (!f.newRelations().contains(l.relation())) {
          tables.add(l.relation());
        }
      }
    }
    List<RelationLock> lockList = new ArrayList<>();
    locks.forEach((r, m) -> lockList.add(new RelationLock(r, m)));
    return new PhaseWork(
        file.track(),
        file.version(),
        file.phase().id(),
        file.phase(),
        file.repoPath(),
        "sha256:" + file.checksum(),
        commit,
        options(file.repoPath(), file.text()).transactional(),
        statements,
        tables,
        lockList);
  }

  /**
   * A version's {@code rollback.sql}: parsed here (the check does not replay rollbacks), no lock
   * prediction.
   */
  public PhaseWork rollbackOf(Track track, MigrationVersion version) {
    SqlFile file =
        version
            .rollback()
            .orElseThrow(
                () ->
                    new RunnerException(
                        version.label() + " has no rollback.sql; nothing undoes its expand"));
    SplitFile split = SqlSplitter.split(file.displayPath(), file.text());
    List<ParsedStatement> statements = new StatementParser().parse(split);
    boolean transactional = options(file.displayPath(), file.text()).transactional();
    requireRunnable(file.displayPath(), statements, transactional);
    Set<String> tables = new LinkedHashSet<>();
    for (ParsedStatement st : statements) {
      for (QualifiedName q : st.relations()) {
        tables.add(q.inSchema(track.config().defaultSchema()).toString());
      }
    }
    return new PhaseWork(
        track.name(),
        version.number(),
        "rollback",
        PhaseKind.EXPAND,
        file.displayPath(),
        "sha256:" + file.checksum(),
        commit,
        transactional,
        statements,
        tables,
        List.of());
  }

  private static PhaseOptions options(String path, String text) {
    return PhaseOptions.of(SqlSplitter.split(path, text));
  }

  /**
   * Statements the runner cannot send: psql meta-commands, and transaction control inside a
   * transactional phase.
   */
  private static void requireRunnable(
      String path, List<ParsedStatement> statements, boolean transactional) {
    for (ParsedStatement st : statements) {
      if (st.kind() == StatementKind.PSQL_META || st.source().metaCommand()) {
        throw new RunnerException(
            path
                + ":"
                + st.source().line()
                + ": psql meta-command "
                + st.source().text().split("\\s")[0]
                + " cannot be run by the runner");
      }
      if (st.kind() == StatementKind.TRANSACTION_CONTROL && transactional) {
        throw new RunnerException(
            path
                + ":"
                + st.source().line()
                + ": the runner wraps the phase in one transaction;"
                + " remove "
                + st.source().text().split("\\s")[0]
                + " or add -- schemagate:phase transactional=false");
      }
    }
  }
}
