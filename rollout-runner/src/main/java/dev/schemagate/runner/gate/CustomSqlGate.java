package dev.schemagate.runner.gate;

import dev.schemagate.analyzer.repo.PhaseKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.Set;

/**
 * A check written by the team as one SQL query, run in a read-only transaction with a statement
 * timeout before each phase (optionally only before some phase kinds).
 *
 * <p>The query passes when its first row's first column is {@code true}; for a first column of any
 * other type, when it returns a row whose first column is not NULL. It fails when it returns no
 * row, {@code false}, NULL, or raises an error. A second column, if present, is quoted in the
 * gate's reason, so a query can explain itself:
 *
 * <pre>
 * SELECT count(*) = 0, string_agg(pid::text, ', ') FROM pg_stat_activity WHERE xact_start &lt; now() - interval '5 minutes'
 * </pre>
 *
 * @param id the gate's name in configuration; messages show it as {@code custom:<id>}
 * @param phases the phase kinds before which it runs; all when empty
 * @param statementTimeout bounds the query
 */
public record CustomSqlGate(String id, String sql, Set<PhaseKind> phases, Duration statementTimeout)
    implements Gate {

  public static final String PREFIX = "custom:";

  public CustomSqlGate {
    phases = Set.copyOf(phases);
  }

  @Override
  public String name() {
    return PREFIX + id;
  }

  @Override
  public boolean appliesTo(GateContext context) {
    return phases.isEmpty() || phases.contains(context.phase());
  }

  @Override
  public GateResult check(GateContext context) {
    try (Connection c = context.database().open()) {
      GateQueries.begin(c, statementTimeout);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        if (!rs.next()) {
          return GateResult.failed(name(), "the query returned no row");
        }
        ResultSetMetaData meta = rs.getMetaData();
        boolean bool = meta.getColumnType(1) == Types.BOOLEAN || meta.getColumnType(1) == Types.BIT;
        Object value = rs.getObject(1);
        String explanation = "";
        if (meta.getColumnCount() >= 2) {
          String second = rs.getString(2);
          explanation = second == null ? "" : ": " + second;
        }
        if (value == null) {
          return GateResult.failed(name(), "the query returned NULL" + explanation);
        }
        if (bool && !Boolean.TRUE.equals(value)) {
          return GateResult.failed(name(), "the query returned false" + explanation);
        }
        return GateResult.passed(
            name(), "the query returned " + (bool ? "true" : "\"" + value + "\"") + explanation);
      } finally {
        GateQueries.end(c);
      }
    } catch (SQLException e) {
      return GateResult.failed(name(), "the query failed: " + GateQueries.describe(e));
    }
  }
}
