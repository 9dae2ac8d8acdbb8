package dev.schemagate.analyzer.family.role;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Set;

/** GRANT and REVOKE of privileges on objects, and of roles to roles, into a {@link GrantObject}. */
final class GrantRecognizer {

  /** Object types whose objects are named (and become the target and relations). */
  private static final Set<String> NAMED =
      Set.of("table", "sequence", "procedure", "routine", "schema", "type", "domain");

  private GrantRecognizer() {}

  static Draft recognize(Cursor c) {
    boolean grant = c.next().lower().equals("grant");
    Draft d = new Draft(grant ? StatementKind.GRANT : StatementKind.REVOKE);
    int on = c.findTopLevelWord("on");
    if (on < 0) {
      return d.detail(new GrantObject("role", null));
    }
    c.i = on + 1;
    String type;
    String schema = null;
    if (c.accept("all")) {
      String what = c.next().lower();
      c.accept("in", "schema");
      type = "all " + what + " in schema";
      schema = c.identifier();
    } else if (c.peek().type() == Token.Type.WORD && isObjectType(c)) {
      type = Shapes.objectType(c);
    } else {
      type = "table";
    }
    d.detail(new GrantObject(type, schema));
    if (NAMED.contains(type) || type.startsWith("function")) {
      while (!c.atEnd() && !c.is("to") && !c.is("from")) {
        QualifiedName n = c.qualifiedName();
        if (n == null) {
          break;
        }
        if (d.target == null) {
          d.target(n);
        } else {
          d.relation(n);
        }
        c.skipGroup();
        if (!c.acceptPunct(',')) {
          break;
        }
      }
    }
    return d;
  }

  /** Whether the word after ON is an object type rather than the (unqualified) name of a table. */
  private static boolean isObjectType(Cursor c) {
    return switch (c.peek().lower()) {
      case "table",
          "sequence",
          "function",
          "procedure",
          "routine",
          "schema",
          "database",
          "domain",
          "type",
          "language",
          "large",
          "foreign",
          "tablespace",
          "parameter" ->
          !c.peek(1).isPunct(',')
              && !c.peek(1).isWord("to")
              && !c.peek(1).isWord("from")
              && !c.peek(1).isPunct('.');
      default -> false;
    };
  }
}
