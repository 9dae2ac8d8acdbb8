package dev.schemagate.analyzer.family.routine;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Lexer;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;
import java.util.Locale;

/** CREATE/ALTER/DROP FUNCTION and PROCEDURE, DO blocks and CALL. */
final class RoutineRecognizer {

  private RoutineRecognizer() {}

  /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE name(…) … LANGUAGE l …}, on the object word. */
  static Draft create(Cursor c, CreatePrefix prefix) {
    boolean function = c.peek().isWord("function");
    Draft d =
        Shapes.simpleCreate(
            c, function ? StatementKind.CREATE_FUNCTION : StatementKind.CREATE_PROCEDURE);
    int lang = c.findTopLevelWord("language");
    if (lang >= 0 && lang + 1 < c.end) {
      d.detail(new Language(c.tokens.get(lang + 1).identifier()));
    }
    return d;
  }

  static Draft call(Cursor c) {
    c.next();
    return new Draft(StatementKind.CALL).target(c.qualifiedName());
  }

  /**
   * {@code DO [LANGUAGE l] body}: the tables a PL/pgSQL body alters become relations ({@link
   * #alteredInBody}).
   */
  static Draft doBlock(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.DO_BLOCK);
    String language = "plpgsql";
    String body = null;
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.isWord("language")) {
        language = c.next().identifier();
      } else if (body == null && (t.type() == Token.Type.DOLLAR || t.type() == Token.Type.STRING)) {
        body = t.value();
      }
    }
    d.detail(new Language(language.toLowerCase(Locale.ROOT)));
    if (body != null && language.equalsIgnoreCase("plpgsql")) {
      alteredInBody(body, d);
    }
    return d;
  }

  /**
   * The tables a DO body alters ({@code ALTER TABLE [IF EXISTS] [ONLY] name}, and the table of a
   * {@code CREATE/DROP TRIGGER … ON name}; not inside EXECUTE strings) become the statement's
   * relations. The body is not analysed, and its DDL usually runs under a condition, so the catalog
   * must stop trusting what it knows of those tables.
   */
  private static void alteredInBody(String body, Draft d) {
    List<Token> tokens = Lexer.tokenize(body).tokens();
    Cursor b = new Cursor(tokens, body, 0, tokens.size());
    while (!b.atEnd()) {
      if (b.accept("alter", "table")) {
        b.accept("if", "exists");
        b.accept("only");
        d.relation(b.qualifiedName());
      } else if (b.accept("trigger")) {
        // CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name … ON table / DROP TRIGGER [IF EXISTS] name
        // ON table
        for (int k = 0; k < 40 && !b.atEnd() && !b.isPunct(';'); k++) {
          if (b.accept("on")) {
            d.relation(b.qualifiedName());
            break;
          }
          b.next();
        }
      } else {
        b.next();
      }
    }
  }
}
