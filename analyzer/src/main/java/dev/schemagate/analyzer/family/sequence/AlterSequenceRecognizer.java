package dev.schemagate.analyzer.family.sequence;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;

/**
 * {@code ALTER SEQUENCE [IF EXISTS] name …}: RENAME TO, SET SCHEMA and OWNER TO become actions
 * (they change the relation itself); OWNED BY becomes an {@link OwnedBy}; the sequence options
 * (INCREMENT, RESTART, …) are read as no action.
 */
final class AlterSequenceRecognizer {

  private AlterSequenceRecognizer() {}

  static Draft recognize(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.ALTER_SEQUENCE);
    if (c.accept("all", "in", "tablespace")) {
      return d; // not valid for sequences; read as ALTER TABLE's form is, naming no sequence
    }
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.flagIf(c.accept("only"), Flag.ONLY);
    QualifiedName name = c.qualifiedName();
    if (name == null) {
      return null;
    }
    d.target(name);
    c.acceptPunct('*');
    String raw = c.rest();
    if (c.accept("rename", "to")) {
      d.actions.add(AlterAction.of(ActionKind.RENAME_TABLE, raw).newName(c.identifier()).build());
    } else if (c.accept("set", "schema")) {
      d.actions.add(AlterAction.of(ActionKind.SET_SCHEMA, raw).newName(c.identifier()).build());
    } else if (c.accept("owner", "to")) {
      d.actions.add(AlterAction.of(ActionKind.OWNER_TO, raw).newName(c.identifier()).build());
    } else {
      int owned = c.findTopLevelWord("owned");
      if (owned >= 0 && owned + 2 < c.end) {
        List<String> path = c.sub(owned + 2, c.end).namePath();
        if (path != null) {
          d.detail(new OwnedBy(String.join(".", path)));
        }
      }
    }
    return d;
  }
}
