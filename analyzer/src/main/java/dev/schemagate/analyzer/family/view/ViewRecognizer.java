package dev.schemagate.analyzer.family.view;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * Views and materialized views: CREATE (the view is the target, the relations its query reads
 * follow), ALTER (ALTER TABLE's sub-command grammar), DROP and REFRESH.
 */
final class ViewRecognizer {

  private ViewRecognizer() {}

  /**
   * {@code CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW [IF NOT EXISTS] name … AS query}, on VIEW.
   */
  static Draft createView(Cursor c, CreatePrefix prefix) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_VIEW);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    d.target(c.qualifiedName());
    Shapes.queryRelations(c, d);
    return d;
  }

  /**
   * {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] name … AS query [WITH [NO] DATA]}, on
   * MATERIALIZED.
   */
  static Draft createMaterialized(Cursor c, CreatePrefix prefix) {
    c.next();
    c.accept("view");
    Draft d = new Draft(StatementKind.CREATE_MATERIALIZED_VIEW);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    d.target(c.qualifiedName());
    d.flagIf(Shapes.endsWith(c, "with", "no", "data"), Flag.WITH_NO_DATA);
    Shapes.queryRelations(c, d);
    return d;
  }

  static Draft alterView(Cursor c) {
    c.next();
    return Shapes.alterRelation(c, StatementKind.ALTER_VIEW);
  }

  static Draft alterMaterialized(Cursor c) {
    c.next();
    c.accept("view");
    return Shapes.alterRelation(c, StatementKind.ALTER_MATERIALIZED_VIEW);
  }

  /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]}, on REFRESH. */
  static Draft refresh(Cursor c) {
    c.next();
    if (!c.accept("materialized", "view")) {
      return null;
    }
    Draft d = new Draft(StatementKind.REFRESH_MATERIALIZED_VIEW);
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.target(c.qualifiedName());
    d.flagIf(c.accept("with", "no", "data"), Flag.WITH_NO_DATA);
    return d;
  }
}
