package dev.schemagate.analyzer.family.role;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * CREATE/ALTER ROLE, USER and GROUP, and ALTER DEFAULT PRIVILEGES. {@code USER MAPPING} shares the
 * word USER but is a foreign-data object: it stays CREATE_OTHER/ALTER_OTHER, as before.
 */
final class RoleRecognizer {

  private RoleRecognizer() {}

  static Draft create(Cursor c, CreatePrefix prefix) {
    if (c.isAt(0, "user") && c.isAt(1, "mapping")) {
      return Shapes.createOther(c, StatementKind.CREATE_OTHER);
    }
    return Shapes.simpleCreate(c, StatementKind.CREATE_ROLE);
  }

  static Draft alter(Cursor c) {
    if (c.isAt(0, "user") && c.isAt(1, "mapping")) {
      return Shapes.createOther(c, StatementKind.ALTER_OTHER);
    }
    return Shapes.simpleAlter(c, StatementKind.ALTER_ROLE);
  }

  /**
   * {@code ALTER DEFAULT PRIVILEGES …}, on the word DEFAULT; any other ALTER DEFAULT … is kept as
   * ALTER_OTHER.
   */
  static Draft alterDefault(Cursor c) {
    if (!c.isAt(1, "privileges")) {
      return Shapes.createOther(c, StatementKind.ALTER_OTHER);
    }
    Draft d = new Draft(StatementKind.ALTER_DEFAULT_PRIVILEGES);
    int in = c.findTopLevelWord("schema");
    String schema =
        in >= 0 && in + 1 < c.end && c.tokens.get(in - 1).isWord("in")
            ? c.tokens.get(in + 1).identifier()
            : null;
    return d.detail(new DefaultPrivileges(schema));
  }
}
