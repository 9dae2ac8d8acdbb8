package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.family.index.Reindex;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Executes statements on one database of a {@link PgServer} and records what each really did.
 *
 * <p>A statement runs inside a transaction; before that transaction is rolled back, the backend's
 * relation locks are read from {@code pg_locks} and every relation's {@code relfilenode} and
 * sequential-scan count ({@code pg_stat_get_xact_numscans}) are compared with their values before
 * the statement. Names come from a snapshot of {@code pg_class} taken before the statement, so a
 * dropped or renamed relation is reported under its old name. PostgreSQL's DEBUG1 notices ({@code
 * client_min_messages = debug1}) say when it rewrote or verified a table. A statement PostgreSQL
 * refuses inside a transaction block (SQLSTATE 25001) runs again in autocommit on a scratch copy of
 * the database, in a background thread, while a second connection reads that backend's relation
 * locks from {@code pg_locks} while each of its transactions waits at commit and while its first
 * request on each table waits behind a blocker ({@link LockRecorder}, {@link Blockers}).
 */
public final class StatementTracer implements AutoCloseable {

  /** DEBUG1 messages that say what a statement did to a table's rows. */
  private static final Pattern INTERESTING =
      Pattern.compile(
          "^(rewriting table|verifying table|validating foreign key constraint|building index|existing constraints on column"
              + "|partition constraint for table|updated partition constraint for default partition).*");

  private static final Pattern SCANNING =
      Pattern.compile(
          "^(verifying table|validating foreign key constraint|building index|rewriting table).*");

  private static final Pattern ON_TABLE = Pattern.compile("on table \"([^\"]+)\"");

  private static final String RELATIONS =
      """
      SELECT c.oid, n.nspname || '.' || c.relname, c.relkind, c.relfilenode,
             CASE WHEN c.relkind IN ('r', 'm', 't') THEN pg_stat_get_xact_numscans(c.oid) ELSE 0 END,
             c.relhasindex OR c.reltoastrelid <> 0
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid >= 16384 AND n.nspname NOT IN ('pg_toast', 'information_schema') AND n.nspname NOT LIKE 'pg_temp%'
        AND n.nspname NOT LIKE 'pg_toast_temp%'
      """;

  private static final String LOCKS =
      """
      SELECT l.relation, l.mode FROM pg_locks l
      WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted AND l.relation >= 16384
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      """;

  private static final AtomicInteger SCRATCH = new AtomicInteger();

  /** Pause between two reads of pg_locks while a non-transactional statement runs. */
  private static final long POLL_PAUSE_NANOS = 1_000_000;

  private final PgServer server;
  private final String database;
  private Connection connection;

  public StatementTracer(PgServer server, String database) throws SQLException {
    this.server = server;
    this.database = database;
    this.connection = open(database);
  }

  public String database() {
    return database;
  }

  /** The open autocommit connection to the traced database (for setup). */
  public Connection connection() {
    return connection;
  }

  private Connection open(String db) throws SQLException {
    Connection c = server.connect(db);
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET client_min_messages = debug1");
      s.execute("SET statement_timeout = '120s'");
      // Whether timestamp <-> timestamptz rewrites depends on the session's TimeZone: pinned, so a
      // trace does not depend on the zone of the machine that runs it (see
      // LockModel.SESSION_TIME_ZONE).
      s.execute("SET TimeZone = 'UTC'");
    }
    return c;
  }

  /**
   * @param rebuilt whether REINDEX has something to rebuild (an index or a TOAST table), so that
   *     its transaction gets an id and pauses at commit
   */
  private record Rel(String name, String kind, long filenode, long scans, boolean rebuilt) {
    String schema() {
      return name.substring(0, name.indexOf('.'));
    }

    boolean table() {
      return kind.equals("r") || kind.equals("p");
    }
  }

  /**
   * Traces one statement and leaves the database as it was.
   *
   * @param createdInPhase relations created by earlier statements of the same phase file
   */
  public TracedStatement trace(ParsedStatement st, Set<String> createdInPhase) throws SQLException {
    String sql = BatchBinding.sql(connection, st);
    connection.setAutoCommit(false);
    try {
      Map<Long, Rel> before = relations(connection);
      List<String> messages = new ArrayList<>();
      long t0 = System.nanoTime();
      long duration;
      long rows;
      try (Statement s = connection.createStatement()) {
        boolean query = s.execute(sql);
        duration = System.nanoTime() - t0;
        rows = query ? -1 : s.getUpdateCount();
        collect(s.getWarnings(), messages);
      }
      Map<Long, LockMode> locks = locks(connection);
      Map<Long, Rel> after = relations(connection);
      connection.rollback();
      return build(
          st, createdInPhase, before, after, locks, true, true, messages, duration, null, rows);
    } catch (SQLException e) {
      connection.rollback();
      if ("25001".equals(e.getSQLState())) {
        connection.setAutoCommit(true);
        return traceOutsideTransaction(st, createdInPhase);
      }
      return failure(st, e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Executes the statement for real (autocommit), so that the statements after it see its effect.
   */
  public void apply(ParsedStatement st) throws SQLException {
    if (st.kind() == dev.schemagate.analyzer.statement.StatementKind.LOCK_TABLE) {
      // A lock ends with its transaction, so LOCK leaves nothing for later statements to see; and
      // PostgreSQL refuses it outside a transaction block, which is how this session applies.
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute(BatchBinding.sql(connection, st));
      // A migration's own SET synchronous_commit = on would make every later commit here wait for
      // the standby that never connects (LockRecorder): this session always commits without it.
      s.execute("SET synchronous_commit = off");
    }
  }

  private TracedStatement traceOutsideTransaction(ParsedStatement st, Set<String> createdInPhase)
      throws SQLException {
    String scratch = database + "_scratch_" + SCRATCH.incrementAndGet();
    connection.close();
    try {
      server.createDatabase(scratch, database);
    } finally {
      connection = open(database);
    }
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "trace-statement");
              t.setDaemon(true);
              return t;
            });
    Blockers blockers = null;
    try (Connection c = open(scratch);
        Connection observer = server.connect(scratch)) {
      int pid;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      Map<Long, Rel> before = relations(c);
      try (Statement s = c.createStatement()) {
        // each of its transactions with an xid now waits at commit, locks held (LockRecorder)
        s.execute("SET synchronous_commit = on");
      }
      List<String> visited = visitedTables(st, before);
      blockers =
          Blockers.hold(
              server, scratch, visited.subList(0, Math.min(visited.size(), Blockers.MAX)));
      boolean observable = observable(st, before, visited, blockers);
      List<String> messages = new ArrayList<>();
      long t0 = System.nanoTime();
      Future<Long> running =
          runner.submit(
              () -> {
                try (Statement s = c.createStatement()) {
                  s.execute(st.source().text());
                  long d = System.nanoTime() - t0;
                  collect(s.getWarnings(), messages);
                  return d;
                }
              });
      LockRecorder recorder = new LockRecorder();
      recorder.watch(observer, pid, running, blockers, POLL_PAUSE_NANOS);
      long duration;
      try {
        duration = running.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException sql) {
          return failure(st, sql);
        }
        throw new SQLException("tracing " + st.source().text() + ": " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while tracing " + st.source().text(), e);
      }
      messages.removeIf(LockRecorder::isPauseMessage);
      Map<Long, Rel> after = relations(c);
      return build(
          st,
          createdInPhase,
          before,
          after,
          observable ? recorder.taken() : Map.of(),
          false,
          observable,
          messages,
          duration,
          null,
          -1);
    } finally {
      runner.shutdownNow();
      if (blockers != null) {
        blockers.close();
      }
      server.dropDatabase(scratch);
    }
  }

  /**
   * The existing tables the statement will lock, in the order it names them: its target and named
   * relations, and for REINDEX SCHEMA every table of the schema. {@link Blockers} hold them.
   */
  private static List<String> visitedTables(ParsedStatement st, Map<Long, Rel> before) {
    Set<String> out = new LinkedHashSet<>();
    if (reindexScope(st).equals("schema") && st.target() != null) {
      before.values().stream()
          .filter(r -> r.table() && r.schema().equals(st.target().name()))
          .map(Rel::name)
          .sorted()
          .forEach(out::add);
      return new ArrayList<>(out);
    }
    List<QualifiedName> named = new ArrayList<>(st.relations());
    if (st.target() != null) {
      named.add(st.target());
    }
    for (QualifiedName q : named) {
      for (Rel r : before.values()) {
        String relName = r.name().substring(r.name().indexOf('.') + 1);
        boolean same =
            q.schema() == null
                ? relName.equals(q.name())
                : r.name().equals(q.schema() + "." + q.name());
        if (r.table() && same) {
          out.add(r.name());
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static String reindexScope(ParsedStatement st) {
    return st.detail(Reindex.class).map(Reindex::scope).orElse("");
  }

  /**
   * Whether every lock of the statement is read, at a commit pause or held back by a blocker (see
   * {@link LockRecorder}). Not for a statement that visits tables no blocker holds, in transactions
   * without an id: a VACUUM or ANALYZE without a table list, or naming a relation that is not a
   * table (a materialized view cannot be locked by LOCK TABLE); REINDEX DATABASE / SYSTEM (system
   * catalogs); REINDEX SCHEMA with more tables than {@link Blockers#MAX}, or with a materialized
   * view that has neither index nor TOAST table (its transaction gets no id).
   */
  private static boolean observable(
      ParsedStatement st, Map<Long, Rel> before, List<String> visited, Blockers held) {
    String sql =
        st.source().text().trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    if (sql.matches(
        "^(VACUUM|ANALYZE|ANALYSE)( \\(.*\\))?( (FULL|FREEZE|VERBOSE|ANALYZE|ANALYSE))*;?$")) {
      return false;
    }
    boolean allHeld = held.size() == visited.size();
    if (st.kind() == StatementKind.VACUUM) {
      return allHeld && visited.size() == st.relations().size();
    }
    String scope = reindexScope(st);
    if (scope.equals("database") || scope.equals("system")) {
      return false;
    }
    if (scope.equals("schema")) {
      String schema = st.target() == null ? "" : st.target().name();
      boolean matviewsPause =
          before.values().stream()
              .filter(r -> r.kind().equals("m") && r.schema().equals(schema))
              .allMatch(Rel::rebuilt);
      return allHeld && matviewsPause;
    }
    return true;
  }

  private TracedStatement failure(ParsedStatement st, SQLException e) {
    String message = Seeder.firstLine(e.getMessage());
    // PostgreSQL 14 also uses 42601 for some semantic errors; a version's rejection is a grammar
    // error.
    boolean syntax = "42601".equals(e.getSQLState()) && message.contains("syntax error");
    StatementFacts facts =
        new StatementFacts(
            st, List.of(), false, false, true, List.of(), syntax ? message : null, List.of());
    return new TracedStatement(
        facts, Map.of(), Set.of(), false, List.of(), 0, syntax ? null : message, -1);
  }

  private static TracedStatement build(
      ParsedStatement st,
      Set<String> createdInPhase,
      Map<Long, Rel> before,
      Map<Long, Rel> after,
      Map<Long, LockMode> locks,
      boolean transactional,
      boolean locksObserved,
      List<String> messages,
      long duration,
      String error,
      long rowsAffected) {
    Map<String, LockMode> byName = new LinkedHashMap<>();
    Map<String, String> kinds = new HashMap<>();
    Set<String> created = new LinkedHashSet<>();
    for (Map.Entry<Long, LockMode> e : locks.entrySet()) {
      Rel rel = before.containsKey(e.getKey()) ? before.get(e.getKey()) : after.get(e.getKey());
      if (rel == null) {
        continue; // a relation created and dropped within the statement (e.g. a rewrite's transient
        // heap)
      }
      if (!before.containsKey(e.getKey())) {
        created.add(rel.name());
      }
      byName.merge(rel.name(), e.getValue(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      kinds.put(rel.name(), rel.kind());
    }
    boolean truncate = st.kind() == StatementKind.TRUNCATE;
    boolean rewrite = false;
    boolean scan = false;
    for (Map.Entry<Long, Rel> e : before.entrySet()) {
      Rel b = e.getValue();
      Rel a = after.get(e.getKey());
      if (a == null) {
        continue;
      }
      // TRUNCATE gives the table a new, empty file: no row is copied, so it is no rewrite.
      if (b.kind().equals("r") && a.filenode() != b.filenode() && !truncate) {
        rewrite = true;
      }
      if (a.scans() > b.scans() && !truncate) {
        scan = true;
      }
    }
    Set<String> existing = new java.util.HashSet<>();
    before.values().forEach(r -> existing.add(r.name().substring(r.name().indexOf('.') + 1)));
    for (String m : messages) {
      // An index built on a table the statement created (its primary key, a TOAST table's index)
      // reads no existing row: not a scan.
      java.util.regex.Matcher on = ON_TABLE.matcher(m);
      boolean onNewTable = on.find() && !existing.contains(on.group(1));
      if (SCANNING.matcher(m).matches() && !onNewTable && !truncate) {
        scan = true;
      }
      if (m.startsWith("rewriting table")) {
        rewrite = true;
      }
    }
    if (rewrite) {
      scan =
          false; // a rewrite reads every row anyway; the static model reports it as rewrite alone
    }
    List<RelationLock> list = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    // Sorted by the relation's name so that output is stable (pg_locks has no "taken first" order).
    byName.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              list.add(new RelationLock(e.getKey(), e.getValue()));
              if (created.contains(e.getKey()) || createdInPhase.contains(e.getKey())) {
                fresh.add(e.getKey());
              }
            });
    List<String> notes = new ArrayList<>();
    for (String m : messages) {
      if (INTERESTING.matcher(m).matches()) {
        notes.add(m);
      }
    }
    if (!locksObserved) {
      notes.add(
          "cannot run in a transaction block: ran in autocommit on a scratch database; it visits relations"
              + " that nothing holds back in transactions that do not pause at commit, so its locks are not observed");
    } else if (!transactional) {
      notes.add(
          "cannot run in a transaction block: ran in autocommit on a scratch database; locks read from"
              + " pg_locks by a second connection at each commit and at its first request on each table");
    }
    StatementFacts facts =
        new StatementFacts(st, list, rewrite, scan, transactional, fresh, null, notes);
    return new TracedStatement(
        facts, kinds, created, locksObserved, messages, duration, error, rowsAffected);
  }

  private static Map<Long, Rel> relations(Connection c) throws SQLException {
    Map<Long, Rel> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(RELATIONS)) {
      while (rs.next()) {
        out.put(
            rs.getLong(1),
            new Rel(
                rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getBoolean(6)));
      }
    }
    return out;
  }

  private static Map<Long, LockMode> locks(Connection c) throws SQLException {
    Map<Long, LockMode> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(LOCKS)) {
      while (rs.next()) {
        LockMode mode = LockMode.fromPgName(rs.getString(2));
        out.merge(rs.getLong(1), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    return out;
  }

  private static void collect(SQLWarning w, List<String> out) {
    for (; w != null; w = w.getNextWarning()) {
      out.add(Seeder.firstLine(w.getMessage()));
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
