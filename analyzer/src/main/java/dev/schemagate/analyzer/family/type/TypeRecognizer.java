package dev.schemagate.analyzer.family.type;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.parse.TypeParser;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE/ALTER/DROP TYPE and DOMAIN. ALTER TYPE's sub-commands (ADD VALUE, RENAME VALUE, the
 * attribute actions) and ALTER DOMAIN's are read with ALTER TABLE's grammar.
 */
final class TypeRecognizer {

  private TypeRecognizer() {}

  /** {@code CREATE TYPE name [AS ENUM (…) | AS RANGE (…) | AS (…) | (…)]}, on TYPE. */
  static Draft createType(Cursor c, CreatePrefix prefix) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_TYPE);
    d.target(c.qualifiedName());
    if (!c.accept("as")) {
      return d.detail(new TypeDefinition(c.isPunct('(') ? "base" : "shell", List.of()));
    }
    if (c.accept("range")) {
      return d.detail(new TypeDefinition("range", List.of()));
    }
    if (!c.accept("enum")) {
      return d.detail(new TypeDefinition("composite", List.of()));
    }
    d.kind = StatementKind.CREATE_ENUM;
    List<String> labels = new ArrayList<>();
    if (c.isPunct('(')) {
      int close = c.groupEnd();
      for (int k = c.i + 1; k < close; k++) {
        if (c.tokens.get(k).type() == Token.Type.STRING) {
          labels.add(c.tokens.get(k).value());
        }
      }
    }
    return d.detail(new TypeDefinition("enum", labels));
  }

  /** {@code CREATE DOMAIN [IF NOT EXISTS] name [AS] type …}, on DOMAIN. */
  static Draft createDomain(Cursor c, CreatePrefix prefix) {
    Draft d = Shapes.simpleCreate(c, StatementKind.CREATE_DOMAIN);
    c.accept("as");
    TypeName type = TypeParser.parse(c);
    return d.detail(new DomainDefinition(type == null ? null : type.name()));
  }

  static Draft alterType(Cursor c) {
    c.next();
    return Shapes.alterRelation(c, StatementKind.ALTER_TYPE);
  }

  static Draft alterDomain(Cursor c) {
    int from = c.i;
    c.next();
    Draft d = Shapes.alterRelation(c, StatementKind.ALTER_DOMAIN);
    return d == null
        ? null
        : d.detail(new DomainChange(checksStoredValues(c.tokens.subList(from, c.end))));
  }

  /**
   * ADD CONSTRAINT, VALIDATE CONSTRAINT or SET NOT NULL among the tokens (comments are not tokens).
   */
  private static boolean checksStoredValues(List<Token> tokens) {
    for (int k = 0; k + 1 < tokens.size(); k++) {
      Token t = tokens.get(k);
      if ((t.isWord("add") || t.isWord("validate")) && tokens.get(k + 1).isWord("constraint")) {
        return true;
      }
      if (t.isWord("set")
          && k + 2 < tokens.size()
          && tokens.get(k + 1).isWord("not")
          && tokens.get(k + 2).isWord("null")) {
        return true;
      }
    }
    return false;
  }
}
