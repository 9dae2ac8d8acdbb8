package dev.schemagate.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The application code of one shape of the schema (before or after an operation), as an {@link
 * OperationProof} runs it: it inserts rows and updates rows of its own, and says for each write the
 * value the row then holds, as both shapes read it (e.g. the full name, whether it is stored in one
 * column or in two).
 */
interface Shape {

  /** Inserts a row; returns its key and its value. */
  Map.Entry<Long, String> insert(Connection c, long n) throws SQLException;

  /** Updates row {@code id}; returns its value, or null when there is no such row. */
  String update(Connection c, long id, long n) throws SQLException;

  /** What the {@code n}th write binds, and the value the row holds after it. */
  record Write(List<Object> params, String value) {

    public Write {
      params =
          java.util.Collections.unmodifiableList(
              new java.util.ArrayList<>(params)); // a parameter may be NULL
    }

    static Write of(String value, Object... params) {
      return new Write(java.util.Arrays.asList(params), value);
    }
  }

  /**
   * A shape of two statements: {@code insert} ends with {@code RETURNING id} and binds the write's
   * parameters; {@code update} binds them, then the row's id.
   */
  static Shape of(String insert, String update, LongFunction<Write> write) {
    return new Shape() {
      @Override
      public Map.Entry<Long, String> insert(Connection c, long n) throws SQLException {
        Write w = write.apply(n);
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          bind(ps, w.params());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Map.entry(rs.getLong(1), w.value());
          }
        }
      }

      @Override
      public String update(Connection c, long id, long n) throws SQLException {
        Write w = write.apply(n);
        try (PreparedStatement ps = c.prepareStatement(update)) {
          bind(ps, w.params());
          ps.setLong(w.params().size() + 1, id);
          return ps.executeUpdate() == 1 ? w.value() : null;
        }
      }
    };
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }
}
