package dev.schemagate.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A query's plan from {@code EXPLAIN (FORMAT JSON)} with fixed parameter values: the plan as
 * PostgreSQL wrote it, the indexes it uses, the tables it reads sequentially and its estimated
 * total cost. {@code EXPLAIN} without {@code ANALYZE} does not run the query.
 *
 * @param error the reason EXPLAIN failed (e.g. a column the phase dropped), or null
 */
public record QueryPlan(
    JsonNode plan, Set<String> indexes, Set<String> seqScans, double totalCost, String error) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static QueryPlan explain(Connection c, WorkloadQuery q, ParameterValues values) {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + q.jdbcSql())) {
      List<Integer> positions = q.positions();
      for (int i = 0; i < positions.size(); i++) {
        ps.setObject(i + 1, values.first(q.parameters().get(positions.get(i) - 1)));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        JsonNode root = JSON.readTree(rs.getString(1)).get(0).get("Plan");
        Set<String> indexes = new TreeSet<>();
        Set<String> seq = new TreeSet<>();
        walk(root, indexes, seq);
        return new QueryPlan(root, indexes, seq, root.path("Total Cost").asDouble(), null);
      }
    } catch (SQLException e) {
      return new QueryPlan(null, Set.of(), Set.of(), 0, SyntheticFill.firstLine(e.getMessage()));
    } catch (java.io.IOException e) {
      return new QueryPlan(
          null, Set.of(), Set.of(), 0, "EXPLAIN output not JSON: " + e.getMessage());
    }
  }

  private static void walk(JsonNode node, Set<String> indexes, Set<String> seq) {
    if (node.hasNonNull("Index Name")) {
      indexes.add(node.get("Index Name").asText());
    }
    if ("Seq Scan".equals(node.path("Node Type").asText()) && node.hasNonNull("Relation Name")) {
      seq.add(node.get("Relation Name").asText());
    }
    for (JsonNode child : node.path("Plans")) {
      walk(child, indexes, seq);
    }
  }

  /** One line: the node types from the top, e.g. {@code Index Scan using orders_pkey on orders}. */
  public String summary() {
    if (error != null) {
      return "EXPLAIN failed: " + error;
    }
    List<String> parts = new ArrayList<>();
    describe(plan, parts);
    return String.join(" > ", parts)
        + String.format(java.util.Locale.ROOT, " (cost %.2f)", totalCost);
  }

  private static void describe(JsonNode node, List<String> out) {
    String s = node.path("Node Type").asText();
    if (node.hasNonNull("Index Name")) {
      s += " using " + node.get("Index Name").asText();
    }
    if (node.hasNonNull("Relation Name")) {
      s += " on " + node.get("Relation Name").asText();
    }
    out.add(s);
    for (JsonNode child : node.path("Plans")) {
      describe(child, out);
    }
  }

  /** Relation name → estimated live rows, for "a sequential scan on a large table". */
  public static Map<String, Long> tableRows(Connection c, String schema) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.relname, greatest(c.reltuples, 0)::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }
}
