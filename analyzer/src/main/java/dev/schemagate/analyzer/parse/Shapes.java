package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * Statement shapes that several families share: a named CREATE or ALTER, a DROP list, {@code … ON
 * table}.
 */
public final class Shapes {

  /** Multi-word object types, longest first where one is a prefix of another. */
  private static final String[][] OBJECT_TYPES = {
    {"foreign", "data", "wrapper"},
    {"text", "search", "configuration"},
    {"text", "search", "dictionary"},
    {"text", "search", "parser"},
    {"text", "search", "template"},
    {"materialized", "view"},
    {"foreign", "table"},
    {"event", "trigger"},
    {"access", "method"},
    {"user", "mapping"},
    {"operator", "class"},
    {"operator", "family"},
    {"procedural", "language"},
    {"large", "object"},
    {"default", "conversion"},
    {"foreign", "server"}
  };

  private Shapes() {}

  /**
   * {@code <object type> [IF [NOT] EXISTS] [name]}: a statement kept by kind and object type only.
   */
  public static Draft createOther(Cursor c, StatementKind kind) {
    String type = objectType(c);
    Draft d = new Draft(kind).attr("object_type", type);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    if (!c.isPunct('(')) {
      d.target(c.qualifiedName());
    }
    return d;
  }

  /** Reads an object type such as {@code table} or {@code text search configuration}. */
  public static String objectType(Cursor c) {
    for (String[] words : OBJECT_TYPES) {
      if (c.accept(words)) {
        return String.join(" ", words);
      }
    }
    Token t = c.next();
    return t.type() == Token.Type.WORD ? t.lower() : t.text();
  }

  /** {@code <object word> [IF NOT EXISTS] name}. */
  public static Draft simpleCreate(Cursor c, StatementKind kind) {
    c.next();
    Draft d = new Draft(kind);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    d.target(c.qualifiedName());
    return d;
  }

  public static Draft simpleAlter(Cursor c, StatementKind kind) {
    c.next();
    Draft d = new Draft(kind);
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.target(c.qualifiedName());
    return d;
  }

  /** {@code … ON table} as in CREATE/ALTER/DROP POLICY, RULE, TRIGGER. */
  public static void onTable(Cursor c, Draft d) {
    int on = c.findTopLevelWord("on");
    if (on >= 0) {
      c.i = on + 1;
      if (d.kind == StatementKind.CREATE_RULE) {
        c.next(); // the event
        c.accept("to");
      }
      d.target(c.qualifiedName());
    }
  }

  /**
   * {@code DROP <type> [CONCURRENTLY] [IF EXISTS] name [(args)] [, …] [CASCADE | RESTRICT]}, the
   * cursor after the object type: the first name is the target, the others relations.
   */
  public static Draft dropList(Cursor c, StatementKind kind) {
    Draft d = new Draft(kind);
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.flagIf(c.findTopLevelWord("cascade") >= 0, Flag.CASCADE);
    while (!c.atEnd()) {
      QualifiedName n = c.qualifiedName();
      if (n == null) {
        break;
      }
      if (d.target == null) {
        d.target(n);
      } else {
        d.relation(n);
      }
      c.skipGroup(); // function argument list
      if (!c.acceptPunct(',')) {
        break;
      }
    }
    return d;
  }

  /**
   * {@code ALTER TABLE|INDEX|VIEW|MATERIALIZED VIEW|TYPE|DOMAIN [IF EXISTS] [ONLY] name [*] action
   * [, …]} after the object word: the actions read with ALTER TABLE's sub-command grammar.
   */
  public static Draft alterRelation(Cursor c, StatementKind kind) {
    return DdlRecognizer.alterRelation(c, kind);
  }

  /**
   * The relations a query reads (FROM, JOIN, sub-queries), added to the draft; the cursor at the
   * query's start or before it.
   */
  public static void queryRelations(Cursor c, Draft d) {
    DmlParser.queryRelations(c, d);
  }

  /** Whether the statement ends with these words. */
  public static boolean endsWith(Cursor c, String... words) {
    int k = c.end - words.length;
    if (k < c.i) {
      return false;
    }
    for (int j = 0; j < words.length; j++) {
      if (!c.tokens.get(k + j).isWord(words[j])) {
        return false;
      }
    }
    return true;
  }
}
