package dev.schemagate.analyzer.family.index;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE INDEX (its table is the target, the definition an {@link IndexDef}), ALTER INDEX (ALTER
 * TABLE's sub-command grammar), DROP INDEX and REINDEX (a {@link Reindex}).
 */
final class IndexRecognizer {

  private IndexRecognizer() {}

  /**
   * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING m]
   * (keys) … [WHERE p]}, on INDEX.
   */
  static Draft create(Cursor c, CreatePrefix prefix) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_INDEX);
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    String name = null;
    if (!c.is("on")) {
      QualifiedName n = c.qualifiedName();
      name = n == null ? null : n.name();
    }
    if (!c.accept("on")) {
      return null;
    }
    boolean only = c.accept("only");
    d.flagIf(only, Flag.ONLY);
    QualifiedName table = c.qualifiedName();
    if (table == null) {
      return null;
    }
    d.target(table);
    String method = "btree";
    if (c.accept("using")) {
      method = c.next().identifier();
    }
    List<String> columns = new ArrayList<>();
    if (c.isPunct('(')) {
      int close = c.groupEnd();
      for (int[] part : c.splitTopLevel(c.i + 1, close)) {
        Cursor p = c.sub(part[0], part[1]);
        if (p.peek().isIdentifier()
            && !p.peek(1).isPunct('(')
            && !p.peek(1).isPunct('.')
            && p.peek(1).type() != Token.Type.OP) {
          columns.add(p.identifier());
        } else {
          columns.add(keyExpression(p));
        }
      }
      c.i = Math.min(close + 1, c.end);
    }
    String predicate = null;
    int where = c.findTopLevelWord("where");
    if (where >= 0) {
      predicate = c.text(where + 1, c.end);
    }
    d.index = new IndexDef(name, table, prefix.unique(), columns, method, predicate, only);
    return d;
  }

  /** An index key that is an expression: its text without a trailing opclass/ordering. */
  private static String keyExpression(Cursor p) {
    int start = p.i;
    if (p.isPunct('(')) {
      p.skipGroup();
    } else {
      while (!p.atEnd() && !p.is("asc") && !p.is("desc") && !p.is("nulls") && !p.is("collate")) {
        if (!p.skipGroup()) {
          Token t = p.next();
          if (p.peek().isPunct('(')
              || p.peek().isPunct('.')
              || t.type() == Token.Type.OP
              || p.peek().type() == Token.Type.OP) {
            continue;
          }
          if (t.type() != Token.Type.OP && !p.peek().isPunct('(')) {
            break;
          }
        }
      }
    }
    return p.text(start, p.i);
  }

  static Draft alter(Cursor c) {
    c.next();
    return Shapes.alterRelation(c, StatementKind.ALTER_INDEX);
  }

  /**
   * {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] [name]}:
   * CONCURRENTLY is read from the tokens (the option list or after the scope), never from the text.
   */
  static Draft reindex(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.REINDEX);
    if (c.isPunct('(')) {
      int close = c.groupEnd();
      for (int k = c.i; k < close; k++) {
        if (c.tokens.get(k).isWord("concurrently")) {
          d.flag(Flag.CONCURRENTLY);
        }
      }
      c.i = Math.min(close + 1, c.end);
    }
    Token scope = c.next();
    if (scope.type() != Token.Type.WORD) {
      return null;
    }
    d.detail(new Reindex(scope.lower()));
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.target(c.qualifiedName());
    return d;
  }
}
