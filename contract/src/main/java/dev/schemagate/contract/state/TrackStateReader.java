package dev.schemagate.contract.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code schemagate.track_state} (docs/state.md, "The history schema"): the one table the
 * runner updates in the same transaction as each phase it applies, and the only one the webhook's
 * JDBC state source and {@code can-deploy --db} read. The one query for all of them.
 */
public final class TrackStateReader {

  public static final String QUERY =
      "SELECT track, contracted, expanded, last_version, last_phase, last_commit,"
          + " updated_at FROM schemagate.track_state ORDER BY track";

  private TrackStateReader() {}

  /**
   * Every track's row, ordered by track.
   *
   * @param queryTimeoutSeconds 0 for none
   * @throws SQLException as the driver reports it; SQLState 3F000 or 42P01 when the history schema
   *     is not installed (see {@link #isMissingSchema})
   */
  public static List<TrackState> read(Connection c, int queryTimeoutSeconds) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = s.executeQuery(QUERY)) {
        List<TrackState> out = new ArrayList<>();
        while (rs.next()) {
          Timestamp at = rs.getTimestamp(7);
          out.add(
              new TrackState(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getInt(3),
                  (Integer) rs.getObject(4),
                  rs.getString(5),
                  rs.getString(6),
                  at == null ? null : at.toInstant()));
        }
        return out;
      }
    }
  }

  /**
   * True when the error says the schema or the table does not exist: the runner never ran there.
   */
  public static boolean isMissingSchema(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.equals("42P01") || state.equals("3F000");
  }
}
