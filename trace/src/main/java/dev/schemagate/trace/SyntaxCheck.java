package dev.schemagate.trace;

import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * PostgreSQL's own grammar on each statement, without a schema and without running anything ({@code
 * check --syntax}): the statement becomes the body of a PL/pgSQL function created with {@code
 * check_function_bodies} on, in a transaction that is rolled back. PL/pgSQL compiles the body at
 * CREATE FUNCTION and hands every SQL statement in it to the server's raw parser, which reports a
 * syntax error (SQLSTATE 42601) without resolving a name: {@code ALTER TABLE t ADD COLUM x int} on
 * a database that has no {@code t} is still a syntax error, and a valid statement on a missing
 * table passes. Statements the raw parser accepts but that cannot run in a function ({@code CREATE
 * INDEX CONCURRENTLY}, {@code VACUUM}, {@code ALTER TYPE … ADD VALUE}) are checked all the same:
 * only running them fails.
 *
 * <p>Limits (such statements are left unchecked, see {@link #uncheckable}): a statement that
 * PL/pgSQL reads with its own grammar instead of handing it to the raw parser ({@code BEGIN},
 * {@code END}, {@code DECLARE}, {@code FETCH}, {@code MOVE}, {@code CLOSE}, {@code OPEN}, {@code
 * GET}, {@code RAISE}, {@code PERFORM}, {@code RETURN}, {@code EXECUTE} and the control keywords),
 * a {@code SELECT … INTO new_table} (PL/pgSQL takes {@code INTO} as its own), and a statement
 * holding this class's dollar-quote tag.
 */
public final class SyntaxCheck implements AutoCloseable {

  /** SQLSTATE syntax_error. */
  static final String SYNTAX_ERROR = "42601";

  private static final String TAG = "$schemagate_syntax$";
  private static final Set<String> PLPGSQL_WORDS =
      Set.of(
          "BEGIN",
          "END",
          "DECLARE",
          "FETCH",
          "MOVE",
          "CLOSE",
          "OPEN",
          "GET",
          "RAISE",
          "PERFORM",
          "RETURN",
          "EXECUTE",
          "IF",
          "LOOP",
          "WHILE",
          "FOR",
          "FOREACH",
          "EXIT",
          "CONTINUE",
          "ASSERT",
          "CASE",
          "NULL",
          "ELSE",
          "ELSIF",
          "EXCEPTION");

  private final ToIntFunction<String> versionOf;
  private final Map<Integer, PgServer> servers = new HashMap<>();
  private final Map<Integer, Connection> connections = new HashMap<>();
  private int checked;
  private int unchecked;

  /**
   * @param versionOf the PostgreSQL major version of a file's track, by the file's path
   */
  public SyntaxCheck(ToIntFunction<String> versionOf) {
    this.versionOf = versionOf;
  }

  /** How many statements PostgreSQL's grammar checked, and how many were left to the recognizer. */
  public int checked() {
    return checked;
  }

  public int unchecked() {
    return unchecked;
  }

  /**
   * The facts to evaluate for a file: the given ones, with PostgreSQL's syntax error on each
   * statement it rejects.
   */
  public List<StatementFacts> facts(String path, List<StatementFacts> given) {
    int major = versionOf.applyAsInt(path);
    List<StatementFacts> out = new ArrayList<>(given.size());
    for (StatementFacts f : given) {
      Optional<String> error;
      try {
        error = error(major, f.statement().source());
      } catch (SQLException e) {
        throw new IllegalStateException(
            "the syntax check on PostgreSQL "
                + major
                + " failed on "
                + path
                + ":"
                + f.statement().source().line()
                + ": "
                + e.getMessage(),
            e);
      }
      if (error.isEmpty() || f.versionError() != null) {
        out.add(f);
        continue;
      }
      List<String> notes = new ArrayList<>(f.notes());
      notes.add("syntax checked by PostgreSQL " + major);
      out.add(
          new StatementFacts(
              f.statement(),
              f.locks(),
              f.rewrite(),
              f.scan(),
              f.transactional(),
              f.newRelations(),
              error.get(),
              notes));
    }
    return out;
  }

  /**
   * PostgreSQL's syntax error for {@code statement}, empty when its grammar accepts it (or it
   * cannot be checked).
   */
  public Optional<String> error(int major, SqlStatement statement) throws SQLException {
    String sql = statement.text().strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (statement.metaCommand() || sql.isEmpty() || uncheckable(sql)) {
      unchecked++;
      return Optional.empty();
    }
    checked++;
    Connection c = connection(major);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE FUNCTION pg_temp.schemagate_syntax() RETURNS void LANGUAGE plpgsql AS "
              + TAG
              + "BEGIN\n"
              + sql
              + "\n;\nEND"
              + TAG);
      return Optional.empty();
    } catch (SQLException e) {
      if (SYNTAX_ERROR.equals(e.getSQLState())
          && !e.getMessage().contains("is not a known variable")) {
        return Optional.of(firstLine(e.getMessage()));
      }
      if (SYNTAX_ERROR.equals(e.getSQLState())) {
        checked--;
        unchecked++;
      }
      return Optional.empty();
    } finally {
      c.rollback();
    }
  }

  /**
   * Statements PL/pgSQL would read with its own grammar, and those holding the body's quote tag.
   */
  static boolean uncheckable(String sql) {
    String head = sql.replaceFirst("^(?s)(\\s|--[^\n]*\n|/\\*.*?\\*/)*", "");
    String first = head.split("[^A-Za-z_]", 2)[0].toUpperCase(Locale.ROOT);
    return PLPGSQL_WORDS.contains(first) || sql.contains(TAG);
  }

  private Connection connection(int major) throws SQLException {
    Connection c = connections.get(major);
    if (c == null) {
      PgServer server = servers.computeIfAbsent(major, PgServer::start);
      c = server.connect("postgres");
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET check_function_bodies = on");
      }
      c.commit();
      connections.put(major, c);
    }
    return c;
  }

  private static String firstLine(String message) {
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  @Override
  public void close() {
    for (Connection c : connections.values()) {
      try {
        c.close();
      } catch (SQLException e) {
        // the server stops next
      }
    }
    servers.values().forEach(PgServer::close);
  }
}
