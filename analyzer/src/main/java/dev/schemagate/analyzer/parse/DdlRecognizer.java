package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.family.CreatePrefix;
import dev.schemagate.analyzer.family.CreateRecognizer;
import dev.schemagate.analyzer.family.Families;
import dev.schemagate.analyzer.family.Recognizer;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ForeignKeyActions;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hand-written recognizer for PostgreSQL DDL and utility statements (the grammar of the
 * PostgreSQL reference pages "SQL Commands", read by recursive descent over {@link Token}s). It
 * returns null for what it does not handle (DML and queries), which then go to JSqlParser.
 */
final class DdlRecognizer {

  private static final Set<String> COLUMN_CONSTRAINT_WORDS =
      Set.of(
          "constraint",
          "not",
          "null",
          "default",
          "check",
          "generated",
          "unique",
          "primary",
          "references",
          "collate",
          "deferrable",
          "initially",
          "storage",
          "compression");

  private DdlRecognizer() {}

  static Draft recognize(Cursor c) {
    Token first = c.peek();
    if (first.type() != Token.Type.WORD) {
      return null;
    }
    Recognizer family = Families.leadWord(first.lower());
    if (family != null) {
      return family.recognize(c);
    }
    return switch (first.lower()) {
      case "create" -> create(c);
      case "alter" -> alter(c);
      case "drop" -> drop(c);
      case "truncate" -> truncate(c);
      case "comment" -> comment(c);
      case "security" -> securityLabel(c);
      case "vacuum" -> vacuum(c, StatementKind.VACUUM);
      case "analyze", "analyse" -> vacuum(c, StatementKind.ANALYZE);
      case "cluster" -> cluster(c);
      case "lock" -> lock(c);
      default -> null;
    };
  }

  // ---------------------------------------------------------------- CREATE

  private static Draft create(Cursor c) {
    c.next();
    boolean orReplace = c.accept("or", "replace");
    boolean temporary = false;
    boolean unlogged = false;
    boolean unique = false;
    boolean constraint = false;
    while (true) {
      if (c.accept("global") || c.accept("local") || c.accept("recursive") || c.accept("trusted")) {
        continue;
      }
      if (c.accept("temp") || c.accept("temporary")) {
        temporary = true;
      } else if (c.accept("unlogged")) {
        unlogged = true;
      } else if (c.accept("unique")) {
        unique = true;
      } else if (c.is("constraint", "trigger")) {
        c.next();
        constraint = true;
      } else {
        break;
      }
    }
    Token kw = c.peek();
    Draft d;
    CreateRecognizer family = kw.type() == Token.Type.WORD ? Families.createWord(kw.lower()) : null;
    if (family != null) {
      d = family.recognize(c, new CreatePrefix(unique, constraint));
    } else
      switch (kw.type() == Token.Type.WORD ? kw.lower() : "") {
        case "table" -> d = createTable(c);
        case "rule" -> {
          c.next();
          d = new Draft(StatementKind.CREATE_RULE);
          d.attr("name", c.identifier());
          Shapes.onTable(c, d);
        }
        case "policy" -> {
          c.next();
          d = new Draft(StatementKind.CREATE_POLICY);
          d.attr("name", c.identifier());
          Shapes.onTable(c, d);
        }
        case "schema" -> {
          c.next();
          d = new Draft(StatementKind.CREATE_SCHEMA);
          d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
          if (c.accept("authorization")) {
            d.target(c.qualifiedName());
          } else {
            d.target(c.qualifiedName());
            if (c.accept("authorization")) {
              d.attr("owner", c.identifier());
            }
          }
        }
        case "extension" -> {
          d = Shapes.simpleCreate(c, StatementKind.CREATE_EXTENSION);
          int schema = c.findTopLevelWord("schema");
          if (schema >= 0 && schema + 1 < c.end) {
            d.attr("schema", c.tokens.get(schema + 1).identifier());
          }
        }
        case "publication" -> {
          d = Shapes.simpleCreate(c, StatementKind.CREATE_PUBLICATION);
          publicationTables(c, d);
        }
        default -> d = Shapes.createOther(c, StatementKind.CREATE_OTHER);
      }
    if (d == null) {
      return null;
    }
    d.flagIf(orReplace, Flag.OR_REPLACE)
        .flagIf(temporary, Flag.TEMPORARY)
        .flagIf(unlogged, Flag.UNLOGGED);
    return d;
  }

  private static Draft createTable(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.CREATE_TABLE);
    d.flagIf(c.accept("if", "not", "exists"), Flag.IF_NOT_EXISTS);
    QualifiedName name = c.qualifiedName();
    if (name == null) {
      return null;
    }
    d.target(name);
    if (c.findTopLevelWord("as") >= 0) {
      d.kind = StatementKind.CREATE_TABLE_AS;
      d.flagIf(Shapes.endsWith(c, "with", "no", "data"), Flag.WITH_NO_DATA);
      DmlParser.queryRelations(c, d);
      return d;
    }
    if (c.accept("of")) {
      TypeName of = TypeParser.parse(c);
      d.attr("of_type", of == null ? null : of.name());
    } else if (c.accept("partition", "of")) {
      d.flag(Flag.PARTITION_OF);
      d.relation(c.qualifiedName());
    }
    if (c.isPunct('(')) {
      int close = c.groupEnd();
      for (int[] part : c.splitTopLevel(c.i + 1, close)) {
        if (part[0] < part[1]) {
          tableElement(c.sub(part[0], part[1]), d);
        }
      }
      c.i = Math.min(close + 1, c.end);
    }
    while (!c.atEnd()) {
      if (c.accept("inherits")) {
        if (c.isPunct('(')) {
          int close = c.groupEnd();
          for (int[] part : c.splitTopLevel(c.i + 1, close)) {
            d.relation(c.sub(part[0], part[1]).qualifiedName());
          }
          c.i = Math.min(close + 1, c.end);
        }
      } else if (c.accept("partition", "by")) {
        d.flag(Flag.PARTITIONED);
        d.attr("partition_strategy", c.peek().lower());
      } else if (c.accept("using")) {
        d.attr("access_method", c.identifier());
      } else if (c.is("for", "values") || c.is("default")) {
        int start = c.i;
        int by = c.findTopLevelWord("partition");
        int stop = by >= 0 ? by : c.end;
        d.attr("partition_bound", c.text(start, stop));
        c.i = stop;
        continue;
      } else if (!c.skipGroup()) {
        c.next();
      }
    }
    return d;
  }

  private static void tableElement(Cursor e, Draft d) {
    String raw = e.rest();
    if (e.is("like")) {
      e.next();
      QualifiedName source = e.qualifiedName();
      d.relation(source);
      d.attr("like", source == null ? null : source.toString());
      return;
    }
    if (isTableConstraintStart(e)) {
      ConstraintDef con = tableConstraint(e);
      if (con != null) {
        d.actions.add(AlterAction.of(ActionKind.ADD_CONSTRAINT, raw).constraint(con).build());
        return;
      }
    }
    ColumnDef col = columnDef(e);
    if (col != null) {
      d.actions.add(AlterAction.of(ActionKind.ADD_COLUMN, raw).columnDef(col).build());
    }
  }

  private static boolean isTableConstraintStart(Cursor c) {
    Token t = c.peek();
    if (t.type() != Token.Type.WORD) {
      return false;
    }
    return switch (t.lower()) {
      case "constraint", "check", "unique", "primary", "foreign" -> true;
      case "exclude" -> c.peek(1).isPunct('(') || c.isAt(1, "using");
      default -> false;
    };
  }

  /**
   * A column definition; its inline constraints are collected, NOT NULL and DEFAULT become fields.
   */
  static ColumnDef columnDef(Cursor c) {
    String name = c.identifier();
    if (name == null) {
      return null;
    }
    TypeName type = null;
    if (c.accept("with", "options")) {
      type = null;
    } else if (!(c.peek().type() == Token.Type.WORD
        && COLUMN_CONSTRAINT_WORDS.contains(c.peek().lower()))) {
      type = TypeParser.parse(c);
    }
    String defaultExpr = null;
    Volatility volatility = Volatility.NONE;
    boolean notNull = false;
    ColumnDef.Generated generated = ColumnDef.Generated.NONE;
    String generation = null;
    String collation = null;
    List<ConstraintDef> constraints = new ArrayList<>();
    String constraintName = null;
    while (!c.atEnd()) {
      if (c.accept("collate")) {
        List<String> path = c.namePath();
        collation = path == null ? null : String.join(".", path);
      } else if (c.accept("constraint")) {
        constraintName = c.identifier();
        continue;
      } else if (c.accept("not", "null")) {
        notNull = true;
        c.accept("no", "inherit");
      } else if (c.accept("null")) {
        // explicit NULL: nothing to record
      } else if (c.accept("default")) {
        int start = c.i;
        skipDefaultExpression(c);
        defaultExpr = c.text(start, c.i);
        volatility = ExpressionVolatility.classify(c.tokens, start, c.i);
      } else if (c.is("check")) {
        c.next();
        constraints.add(checkConstraint(c, constraintName, name));
        c.accept("no", "inherit");
      } else if (c.accept("generated")) {
        if (c.accept("always")) {
          c.accept("as");
          if (c.accept("identity")) {
            generated = ColumnDef.Generated.IDENTITY_ALWAYS;
            c.skipGroup();
          } else if (c.isPunct('(')) {
            int close = c.groupEnd();
            generation = c.text(c.i + 1, close);
            c.i = Math.min(close + 1, c.end);
            generated =
                c.accept("stored") ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL;
            c.accept("virtual");
          }
        } else if (c.accept("by", "default", "as", "identity")) {
          generated = ColumnDef.Generated.IDENTITY_BY_DEFAULT;
          c.skipGroup();
        }
      } else if (c.accept("unique")) {
        nullsDistinct(c);
        constraints.add(
            new ConstraintDef(
                constraintName,
                ConstraintType.UNIQUE,
                List.of(name),
                null,
                null,
                List.of(),
                false,
                null,
                null,
                false));
        indexParameters(c);
      } else if (c.accept("primary", "key")) {
        notNull = true;
        constraints.add(
            new ConstraintDef(
                constraintName,
                ConstraintType.PRIMARY_KEY,
                List.of(name),
                null,
                null,
                List.of(),
                false,
                null,
                null,
                false));
        indexParameters(c);
      } else if (c.accept("references")) {
        constraints.add(references(c, constraintName, List.of(name), false));
      } else if (c.accept("deferrable")) {
        markDeferrable(constraints, false);
        continue;
      } else if (c.accept("initially", "deferred")) {
        markDeferrable(constraints, true);
        continue;
      } else if (c.accept("not", "deferrable")
          || c.accept("initially", "immediate")
          || c.accept("enforced")
          || c.accept("not", "enforced")) {
        continue;
      } else if (c.accept("storage") || c.accept("compression")) {
        c.next();
      } else {
        c.next(); // unknown option: tolerated, the raw text keeps it
      }
      constraintName = null;
    }
    return new ColumnDef(
        name,
        type,
        defaultExpr,
        volatility,
        notNull,
        generated,
        generation,
        constraints,
        collation);
  }

  private static void markDeferrable(List<ConstraintDef> constraints, boolean initiallyDeferred) {
    if (constraints.isEmpty()) {
      return;
    }
    ConstraintDef last = constraints.remove(constraints.size() - 1);
    ForeignKeyActions actions =
        last.actions() == null
            ? null
            : last.actions()
                .withDeferral(true, initiallyDeferred || last.actions().initiallyDeferred());
    constraints.add(
        new ConstraintDef(
            last.name(),
            last.type(),
            last.columns(),
            last.expression(),
            last.referencedTable(),
            last.referencedColumns(),
            last.notValid(),
            last.usingIndex(),
            last.onDelete(),
            true,
            actions));
  }

  /** Moves past a DEFAULT expression: up to the next column-constraint keyword at depth 0. */
  private static void skipDefaultExpression(Cursor c) {
    int start = c.i;
    while (!c.atEnd()) {
      Token t = c.peek();
      if (t.isPunct('(') || t.isPunct('[')) {
        c.skipGroup();
        continue;
      }
      if (t.type() == Token.Type.WORD && c.i > start) {
        switch (t.lower()) {
          case "constraint",
              "check",
              "default",
              "generated",
              "unique",
              "primary",
              "references",
              "collate",
              "deferrable",
              "initially" -> {
            return;
          }
          case "not" -> {
            if (c.isAt(1, "null") || c.isAt(1, "deferrable")) {
              return;
            }
          }
          case "null" -> {
            if (!c.peek(-1).isWord("is") && !c.peek(-1).isWord("not")) {
              return;
            }
          }
          default -> {}
        }
      }
      c.next();
    }
  }

  private static ConstraintDef checkConstraint(Cursor c, String name, String column) {
    String expr = null;
    List<String> cols = column == null ? List.of() : List.of(column);
    if (c.isPunct('(')) {
      int close = c.groupEnd();
      expr = c.text(c.i + 1, close);
      if (column == null) {
        cols = ExpressionVolatility.columnsOf(c.tokens, c.i + 1, close);
      }
      c.i = Math.min(close + 1, c.end);
    }
    return new ConstraintDef(
        name, ConstraintType.CHECK, cols, expr, null, List.of(), false, null, null, false);
  }

  private static ConstraintDef references(
      Cursor c, String name, List<String> columns, boolean notValidDefault) {
    QualifiedName ref = c.qualifiedName();
    List<String> refCols = c.isPunct('(') ? identifierList(c) : List.of();
    String onDelete = null;
    String onUpdate = null;
    String match = null;
    while (!c.atEnd()) {
      if (c.accept("match")) {
        match = c.next().lower();
      } else if (c.accept("on", "delete")) {
        onDelete = referentialAction(c);
      } else if (c.accept("on", "update")) {
        onUpdate = referentialAction(c);
      } else {
        break;
      }
    }
    return new ConstraintDef(
        name,
        ConstraintType.FOREIGN_KEY,
        columns,
        null,
        ref,
        refCols,
        notValidDefault,
        null,
        onDelete,
        false,
        new ForeignKeyActions(onDelete, onUpdate, match, false, false));
  }

  private static String referentialAction(Cursor c) {
    String action;
    if (c.accept("no", "action")) {
      action = "no action";
    } else if (c.accept("set", "null")) {
      action = "set null";
      c.skipGroup();
    } else if (c.accept("set", "default")) {
      action = "set default";
      c.skipGroup();
    } else {
      action = c.next().lower();
    }
    return action;
  }

  private static List<String> identifierList(Cursor c) {
    List<String> out = new ArrayList<>();
    int close = c.groupEnd();
    for (int[] part : c.splitTopLevel(c.i + 1, close)) {
      Cursor p = c.sub(part[0], part[1]);
      if (p.peek().isIdentifier() && part[1] - part[0] == 1) {
        out.add(p.identifier());
      } else if (part[0] < part[1]) {
        out.add(p.rest());
      }
    }
    c.i = Math.min(close + 1, c.end);
    return out;
  }

  private static void nullsDistinct(Cursor c) {
    if (!c.accept("nulls", "distinct")) {
      c.accept("nulls", "not", "distinct");
    }
  }

  private static void indexParameters(Cursor c) {
    while (true) {
      if (c.accept("include") || c.accept("with")) {
        c.skipGroup();
      } else if (c.accept("using", "index", "tablespace")) {
        c.next();
      } else {
        return;
      }
    }
  }

  /** A table constraint (CREATE TABLE element or ALTER TABLE … ADD); null when none starts here. */
  static ConstraintDef tableConstraint(Cursor c) {
    String name = null;
    if (c.accept("constraint")) {
      name = c.identifier();
    }
    ConstraintDef con;
    if (c.accept("check")) {
      con = checkConstraint(c, name, null);
      c.accept("no", "inherit");
    } else if (c.accept("unique") || c.is("primary", "key")) {
      boolean pk = c.accept("primary", "key");
      ConstraintType type = pk ? ConstraintType.PRIMARY_KEY : ConstraintType.UNIQUE;
      nullsDistinct(c);
      if (c.accept("using", "index")) {
        con =
            new ConstraintDef(
                name, type, List.of(), null, null, List.of(), false, c.identifier(), null, false);
      } else {
        List<String> cols = c.isPunct('(') ? identifierList(c) : List.of();
        indexParameters(c);
        con = new ConstraintDef(name, type, cols, null, null, List.of(), false, null, null, false);
      }
    } else if (c.accept("foreign", "key")) {
      List<String> cols = c.isPunct('(') ? identifierList(c) : List.of();
      if (!c.accept("references")) {
        return null;
      }
      con = references(c, name, cols, false);
    } else if (c.accept("exclude")) {
      if (c.accept("using")) {
        c.next();
      }
      String expr = null;
      List<String> cols = new ArrayList<>();
      if (c.isPunct('(')) {
        int close = c.groupEnd();
        expr = c.text(c.i + 1, close);
        for (int[] part : c.splitTopLevel(c.i + 1, close)) {
          Cursor p = c.sub(part[0], part[1]);
          if (p.peek().isIdentifier() && !p.peek(1).isPunct('(')) {
            cols.add(p.identifier());
          }
        }
        c.i = Math.min(close + 1, c.end);
      }
      indexParameters(c);
      if (c.accept("where")) {
        c.skipGroup();
      }
      con =
          new ConstraintDef(
              name, ConstraintType.EXCLUDE, cols, expr, null, List.of(), false, null, null, false);
    } else if (c.accept("not", "null")) {
      String col = c.identifier();
      con =
          new ConstraintDef(
              name,
              ConstraintType.NOT_NULL,
              col == null ? List.of() : List.of(col),
              null,
              null,
              List.of(),
              false,
              null,
              null,
              false);
      c.accept("no", "inherit");
    } else {
      return null;
    }
    boolean notValid = false;
    boolean deferrable = false;
    boolean initiallyDeferred = false;
    while (!c.atEnd()) {
      if (c.accept("not", "valid")) {
        notValid = true;
      } else if (c.accept("deferrable")) {
        deferrable = true;
      } else if (c.accept("initially", "deferred")) {
        deferrable = true;
        initiallyDeferred = true;
      } else if (c.accept("not", "deferrable")
          || c.accept("initially", "immediate")
          || c.accept("enforced")
          || c.accept("not", "enforced")
          || c.accept("no", "inherit")) {
        // no effect on locking
      } else {
        break;
      }
    }
    ForeignKeyActions actions =
        con.actions() == null ? null : con.actions().withDeferral(deferrable, initiallyDeferred);
    return new ConstraintDef(
        con.name(),
        con.type(),
        con.columns(),
        con.expression(),
        con.referencedTable(),
        con.referencedColumns(),
        notValid,
        con.usingIndex(),
        con.onDelete(),
        deferrable,
        actions);
  }

  private static void publicationTables(Cursor c, Draft d) {
    int start = c.findTopLevelWord("table");
    if (start < 0) {
      return;
    }
    c.i = start + 1;
    while (!c.atEnd()) {
      c.accept("only");
      QualifiedName t = c.qualifiedName();
      if (t == null) {
        break;
      }
      d.relation(t);
      c.acceptPunct('*');
      c.skipGroup();
      if (c.accept("where")) {
        c.skipGroup();
      }
      if (!c.acceptPunct(',')) {
        break;
      }
      c.accept("table");
    }
  }

  // ---------------------------------------------------------------- ALTER

  private static Draft alter(Cursor c) {
    c.next();
    Token kw = c.peek();
    String w = kw.type() == Token.Type.WORD ? kw.lower() : "";
    Recognizer family = Families.alterWord(w);
    if (family != null) {
      return family.recognize(c);
    }
    switch (w) {
      case "table":
        c.next();
        return alterRelation(c, StatementKind.ALTER_TABLE);
      case "foreign":
        if (c.isAt(1, "table")) {
          c.i += 2;
          return alterRelation(c, StatementKind.ALTER_OTHER).attr("object_type", "foreign table");
        }
        return Shapes.createOther(c, StatementKind.ALTER_OTHER);
      case "policy":
        {
          c.next();
          Draft d = new Draft(StatementKind.ALTER_POLICY);
          d.attr("name", c.identifier());
          Shapes.onTable(c, d);
          return d;
        }
      case "schema":
        return Shapes.simpleAlter(c, StatementKind.ALTER_SCHEMA);
      case "extension":
        return Shapes.simpleAlter(c, StatementKind.ALTER_EXTENSION);
      case "publication":
        {
          Draft d = Shapes.simpleAlter(c, StatementKind.ALTER_PUBLICATION);
          publicationTables(c, d);
          return d;
        }
      default:
        return Shapes.createOther(c, StatementKind.ALTER_OTHER);
    }
  }

  /** ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / TYPE / DOMAIN after the object word. */
  static Draft alterRelation(Cursor c, StatementKind kind) {
    Draft d = new Draft(kind);
    if (c.accept("all", "in", "tablespace")) {
      d.attr("tablespace", c.identifier());
      d.attr("all_in_tablespace", "true");
      return d;
    }
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.flagIf(c.accept("only"), Flag.ONLY);
    QualifiedName name = c.qualifiedName();
    if (name == null) {
      return null;
    }
    d.target(name);
    c.acceptPunct('*');
    for (int[] part : c.splitTopLevel(c.i, c.end)) {
      if (part[0] < part[1]) {
        Cursor a = c.sub(part[0], part[1]);
        AlterAction action = kind == StatementKind.ALTER_TYPE ? typeAction(a) : alterAction(a);
        d.actions.add(action);
        if ((action.kind() == ActionKind.ATTACH_PARTITION
                || action.kind() == ActionKind.DETACH_PARTITION)
            && action.name() != null
            && kind == StatementKind.ALTER_TABLE) {
          d.relation(partitionName(action.name()));
        }
      }
    }
    return d;
  }

  private static QualifiedName partitionName(String written) {
    int dot = written.lastIndexOf('.');
    return dot < 0
        ? QualifiedName.of(written)
        : new QualifiedName(written.substring(0, dot), written.substring(dot + 1));
  }

  /** One ALTER TABLE sub-command (also used for views, indexes, domains and materialized views). */
  static AlterAction alterAction(Cursor a) {
    String raw = a.rest();
    if (a.accept("add")) {
      if (a.accept("column")) {
        return addColumn(a, raw);
      }
      if (isTableConstraintStart(a)) {
        ConstraintDef con = tableConstraint(a);
        if (con != null) {
          return AlterAction.of(ActionKind.ADD_CONSTRAINT, raw).constraint(con).build();
        }
        return AlterAction.of(ActionKind.OTHER, raw).build();
      }
      if (a.is("not", "null")) {
        ConstraintDef con = tableConstraint(a);
        return AlterAction.of(ActionKind.ADD_CONSTRAINT, raw).constraint(con).build();
      }
      return addColumn(a, raw);
    }
    if (a.accept("drop")) {
      if (a.accept("constraint")) {
        boolean ifExists = a.accept("if", "exists");
        String name = a.identifier();
        return AlterAction.of(ActionKind.DROP_CONSTRAINT, raw)
            .name(name)
            .ifExists(ifExists)
            .cascade(a.accept("cascade"))
            .build();
      }
      if (a.accept("default")) {
        return AlterAction.of(ActionKind.DROP_DEFAULT, raw).build();
      }
      if (a.accept("not", "null")) {
        return AlterAction.of(ActionKind.DROP_NOT_NULL, raw).build();
      }
      a.accept("column");
      boolean ifExists = a.accept("if", "exists");
      String col = a.identifier();
      return AlterAction.of(ActionKind.DROP_COLUMN, raw)
          .column(col)
          .ifExists(ifExists)
          .cascade(a.accept("cascade"))
          .build();
    }
    if (a.accept("alter")) {
      if (a.accept("constraint")) {
        return AlterAction.of(ActionKind.ALTER_CONSTRAINT, raw).name(a.identifier()).build();
      }
      a.accept("column");
      String col = a.identifier();
      return alterColumn(a, col, raw);
    }
    if (a.accept("validate", "constraint")) {
      return AlterAction.of(ActionKind.VALIDATE_CONSTRAINT, raw).name(a.identifier()).build();
    }
    if (a.accept("rename")) {
      if (a.accept("to")) {
        return AlterAction.of(ActionKind.RENAME_TABLE, raw).newName(a.identifier()).build();
      }
      if (a.accept("constraint")) {
        String from = a.identifier();
        a.accept("to");
        return AlterAction.of(ActionKind.RENAME_CONSTRAINT, raw)
            .name(from)
            .newName(a.identifier())
            .build();
      }
      a.accept("column");
      String from = a.identifier();
      a.accept("to");
      return AlterAction.of(ActionKind.RENAME_COLUMN, raw)
          .column(from)
          .name(from)
          .newName(a.identifier())
          .build();
    }
    if (a.accept("set")) {
      if (a.accept("schema")) {
        return AlterAction.of(ActionKind.SET_SCHEMA, raw).newName(a.identifier()).build();
      }
      if (a.accept("logged")) {
        return AlterAction.of(ActionKind.SET_LOGGED, raw).build();
      }
      if (a.accept("unlogged")) {
        return AlterAction.of(ActionKind.SET_UNLOGGED, raw).build();
      }
      if (a.accept("tablespace")) {
        return AlterAction.of(ActionKind.SET_TABLESPACE, raw).newName(a.identifier()).build();
      }
      if (a.accept("access", "method")) {
        return AlterAction.of(ActionKind.SET_ACCESS_METHOD, raw).newName(a.identifier()).build();
      }
      if (a.accept("without", "cluster")) {
        return AlterAction.of(ActionKind.SET_WITHOUT_CLUSTER, raw).build();
      }
      if (a.accept("without", "oids")) {
        return AlterAction.of(ActionKind.SET_WITHOUT_OIDS, raw).build();
      }
      if (a.accept("default")) {
        return AlterAction.of(ActionKind.SET_DEFAULT, raw).expression(a.rest()).build();
      }
      if (a.accept("not", "null")) {
        return AlterAction.of(ActionKind.SET_NOT_NULL, raw).build();
      }
      if (a.isPunct('(')) {
        return AlterAction.of(ActionKind.SET_OPTIONS, raw).expression(groupText(a)).build();
      }
      return AlterAction.of(ActionKind.OTHER, raw).build();
    }
    if (a.accept("reset")) {
      return AlterAction.of(ActionKind.RESET_OPTIONS, raw).expression(groupText(a)).build();
    }
    if (a.is("enable") || a.is("disable")) {
      boolean enable = a.next().lower().equals("enable");
      a.accept("replica");
      a.accept("always");
      if (a.accept("trigger")) {
        return AlterAction.of(enable ? ActionKind.ENABLE_TRIGGER : ActionKind.DISABLE_TRIGGER, raw)
            .name(a.identifier())
            .build();
      }
      if (a.accept("rule")) {
        return AlterAction.of(enable ? ActionKind.ENABLE_RULE : ActionKind.DISABLE_RULE, raw)
            .name(a.identifier())
            .build();
      }
      if (a.accept("row", "level", "security")) {
        return AlterAction.of(
                enable
                    ? ActionKind.ENABLE_ROW_LEVEL_SECURITY
                    : ActionKind.DISABLE_ROW_LEVEL_SECURITY,
                raw)
            .build();
      }
      return AlterAction.of(ActionKind.OTHER, raw).build();
    }
    if (a.accept("force", "row", "level", "security")) {
      return AlterAction.of(ActionKind.FORCE_ROW_LEVEL_SECURITY, raw).build();
    }
    if (a.accept("no", "force", "row", "level", "security")) {
      return AlterAction.of(ActionKind.NO_FORCE_ROW_LEVEL_SECURITY, raw).build();
    }
    if (a.accept("cluster", "on")) {
      return AlterAction.of(ActionKind.CLUSTER_ON, raw).name(a.identifier()).build();
    }
    if (a.accept("inherit")) {
      return AlterAction.of(ActionKind.INHERIT, raw).name(nameText(a)).build();
    }
    if (a.accept("no", "inherit")) {
      return AlterAction.of(ActionKind.NO_INHERIT, raw).name(nameText(a)).build();
    }
    if (a.accept("of")) {
      return AlterAction.of(ActionKind.OF_TYPE, raw).name(nameText(a)).build();
    }
    if (a.accept("not", "of")) {
      return AlterAction.of(ActionKind.NOT_OF, raw).build();
    }
    if (a.accept("owner", "to")) {
      return AlterAction.of(ActionKind.OWNER_TO, raw).newName(a.identifier()).build();
    }
    if (a.accept("replica", "identity")) {
      return AlterAction.of(ActionKind.REPLICA_IDENTITY, raw).expression(a.rest()).build();
    }
    if (a.accept("attach", "partition")) {
      String part = nameText(a);
      return AlterAction.of(ActionKind.ATTACH_PARTITION, raw)
          .name(part)
          .expression(a.atEnd() ? null : a.rest())
          .build();
    }
    if (a.accept("detach", "partition")) {
      String part = nameText(a);
      boolean concurrently = a.accept("concurrently");
      String finalize = a.accept("finalize") ? "finalize" : null;
      return AlterAction.of(ActionKind.DETACH_PARTITION, raw)
          .name(part)
          .concurrently(concurrently)
          .expression(finalize)
          .build();
    }
    return AlterAction.of(ActionKind.OTHER, raw).build();
  }

  private static AlterAction addColumn(Cursor a, String raw) {
    boolean ifNotExists = a.accept("if", "not", "exists");
    ColumnDef col = columnDef(a);
    if (col == null) {
      return AlterAction.of(ActionKind.OTHER, raw).build();
    }
    return AlterAction.of(ActionKind.ADD_COLUMN, raw)
        .columnDef(col)
        .ifNotExists(ifNotExists)
        .build();
  }

  /**
   * Whether {@code USING} is the column itself, or the column cast to the new type ({@code col},
   * {@code col::timestamptz}, {@code CAST(col AS timestamptz)}, in parentheses or not): PostgreSQL
   * then builds the same conversion as without USING and decides about the rewrite the same way
   * ({@code ATColumnChangeRequiresRewrite} looks through the column reference and the coercion), so
   * it is recorded as no USING (issue 13: {@code TYPE timestamptz USING col} is no rewrite under
   * UTC).
   */
  static boolean usingIsTheColumnItself(Cursor u, String col, TypeName type) {
    if (col == null || type == null) {
      return false;
    }
    int open = 0;
    while (u.acceptPunct('(')) {
      open++;
    }
    TypeName cast = null;
    if (u.is("cast") && u.peek(1).isPunct('(')) {
      u.next();
      u.next();
      if (!col.equals(u.identifier()) || !u.accept("as")) {
        return false;
      }
      cast = TypeParser.parse(u);
      if (cast == null || !u.acceptPunct(')')) {
        return false;
      }
    } else {
      if (!col.equals(u.identifier())) {
        return false;
      }
      if (u.peek().isOp("::")) {
        u.next();
        cast = TypeParser.parse(u);
        if (cast == null) {
          return false;
        }
      }
    }
    while (open > 0 && u.acceptPunct(')')) {
      open--;
    }
    return open == 0
        && u.atEnd()
        && (cast == null
            || (cast.storageName().equals(type.storageName())
                && cast.modifiers().equals(type.modifiers())
                && cast.arrayDimensions() == type.arrayDimensions()));
  }

  private static AlterAction alterColumn(Cursor a, String col, String raw) {
    if (a.accept("set", "data", "type") || a.accept("type")) {
      TypeName type = TypeParser.parse(a);
      if (a.accept("collate")) {
        a.namePath();
      }
      String using = null;
      if (a.accept("using")) {
        using = usingIsTheColumnItself(a.sub(a.i, a.end), col, type) ? null : a.rest();
      }
      return AlterAction.of(ActionKind.ALTER_COLUMN_TYPE, raw)
          .column(col)
          .type(type)
          .expression(using)
          .build();
    }
    if (a.accept("set", "default")) {
      return AlterAction.of(ActionKind.SET_DEFAULT, raw).column(col).expression(a.rest()).build();
    }
    if (a.accept("drop", "default")) {
      return AlterAction.of(ActionKind.DROP_DEFAULT, raw).column(col).build();
    }
    if (a.accept("set", "not", "null")) {
      return AlterAction.of(ActionKind.SET_NOT_NULL, raw).column(col).build();
    }
    if (a.accept("drop", "not", "null")) {
      return AlterAction.of(ActionKind.DROP_NOT_NULL, raw).column(col).build();
    }
    if (a.accept("set", "expression")) {
      a.accept("as");
      return AlterAction.of(ActionKind.SET_EXPRESSION, raw)
          .column(col)
          .expression(groupText(a))
          .build();
    }
    if (a.accept("drop", "expression")) {
      return AlterAction.of(ActionKind.DROP_EXPRESSION, raw)
          .column(col)
          .ifExists(a.accept("if", "exists"))
          .build();
    }
    if (a.accept("add", "generated")) {
      return AlterAction.of(ActionKind.ADD_IDENTITY, raw).column(col).build();
    }
    if (a.accept("drop", "identity")) {
      return AlterAction.of(ActionKind.DROP_IDENTITY, raw)
          .column(col)
          .ifExists(a.accept("if", "exists"))
          .build();
    }
    if (a.accept("set", "statistics")) {
      return AlterAction.of(ActionKind.SET_STATISTICS, raw)
          .column(col)
          .expression(a.rest())
          .build();
    }
    if (a.accept("set", "storage")) {
      return AlterAction.of(ActionKind.SET_STORAGE, raw).column(col).expression(a.rest()).build();
    }
    if (a.accept("set", "compression")) {
      return AlterAction.of(ActionKind.SET_COMPRESSION, raw)
          .column(col)
          .expression(a.rest())
          .build();
    }
    if (a.is("set") && a.peek(1).isPunct('(')) {
      a.next();
      return AlterAction.of(ActionKind.SET_OPTIONS, raw)
          .column(col)
          .expression(groupText(a))
          .build();
    }
    if (a.accept("reset")) {
      return AlterAction.of(ActionKind.RESET_OPTIONS, raw)
          .column(col)
          .expression(groupText(a))
          .build();
    }
    if (a.is("set") || a.is("restart")) {
      // SET GENERATED { ALWAYS | BY DEFAULT } | SET sequence_option | RESTART [ [ WITH ] restart ]
      return AlterAction.of(ActionKind.SET_IDENTITY, raw).column(col).build();
    }
    return AlterAction.of(ActionKind.OTHER, raw).column(col).build();
  }

  private static AlterAction typeAction(Cursor a) {
    String raw = a.rest();
    if (a.accept("add", "value")) {
      boolean ifNotExists = a.accept("if", "not", "exists");
      String label = a.next().value();
      String position = a.atEnd() ? null : a.rest();
      return AlterAction.of(ActionKind.ADD_ENUM_VALUE, raw)
          .newName(label)
          .expression(position)
          .ifNotExists(ifNotExists)
          .build();
    }
    if (a.accept("rename", "value")) {
      String from = a.next().value();
      a.accept("to");
      return AlterAction.of(ActionKind.RENAME_ENUM_VALUE, raw)
          .name(from)
          .newName(a.next().value())
          .build();
    }
    if (a.accept("rename", "attribute")) {
      String from = a.identifier();
      a.accept("to");
      return AlterAction.of(ActionKind.RENAME_COLUMN, raw)
          .column(from)
          .name(from)
          .newName(a.identifier())
          .build();
    }
    if (a.accept("add", "attribute")) {
      ColumnDef col = columnDef(a);
      return AlterAction.of(ActionKind.ADD_COLUMN, raw).columnDef(col).build();
    }
    if (a.accept("drop", "attribute")) {
      boolean ifExists = a.accept("if", "exists");
      return AlterAction.of(ActionKind.DROP_COLUMN, raw)
          .column(a.identifier())
          .ifExists(ifExists)
          .build();
    }
    if (a.accept("alter", "attribute")) {
      String col = a.identifier();
      return alterColumn(a, col, raw);
    }
    return alterAction(a);
  }

  private static String groupText(Cursor a) {
    if (!a.isPunct('(')) {
      return a.rest();
    }
    int close = a.groupEnd();
    String text = a.text(a.i + 1, close);
    a.i = Math.min(close + 1, a.end);
    return text;
  }

  private static String nameText(Cursor a) {
    QualifiedName n = a.qualifiedName();
    return n == null ? null : n.toString();
  }

  // ---------------------------------------------------------------- DROP

  private static Draft drop(Cursor c) {
    c.next();
    String type = Shapes.objectType(c);
    Recognizer family = Families.dropWord(type);
    if (family != null) {
      return family.recognize(c);
    }
    StatementKind kind =
        switch (type) {
          case "table" -> StatementKind.DROP_TABLE;
          case "rule" -> StatementKind.DROP_RULE;
          case "policy" -> StatementKind.DROP_POLICY;
          case "schema" -> StatementKind.DROP_SCHEMA;
          case "extension" -> StatementKind.DROP_EXTENSION;
          case "publication" -> StatementKind.DROP_PUBLICATION;
          default -> StatementKind.DROP_OTHER;
        };
    if (kind != StatementKind.DROP_RULE
        && kind != StatementKind.DROP_POLICY
        && !type.equals("owned")) {
      Draft d = Shapes.dropList(c, kind);
      return kind == StatementKind.DROP_OTHER ? d.attr("object_type", type) : d;
    }
    Draft d = new Draft(kind);
    if (kind == StatementKind.DROP_OTHER) {
      d.attr("object_type", type);
    }
    d.flagIf(c.accept("concurrently"), Flag.CONCURRENTLY);
    d.flagIf(c.accept("if", "exists"), Flag.IF_EXISTS);
    d.flagIf(c.findTopLevelWord("cascade") >= 0, Flag.CASCADE);
    if (type.equals("owned")) {
      return d;
    }
    d.attr("name", c.identifier());
    if (c.accept("on")) {
      d.target(c.qualifiedName());
    }
    return d;
  }

  // ---------------------------------------------------------------- other utility statements

  private static Draft truncate(Cursor c) {
    c.next();
    c.accept("table");
    Draft d = new Draft(StatementKind.TRUNCATE);
    relationList(c, d);
    d.flagIf(c.findTopLevelWord("cascade") >= 0, Flag.CASCADE);
    d.attr("restart_identity", c.findTopLevelWord("restart") >= 0 ? "true" : null);
    return d;
  }

  /** {@code [ONLY] name [*] [, …]} into target and relations. */
  private static void relationList(Cursor c, Draft d) {
    while (!c.atEnd()) {
      d.flagIf(c.accept("only"), Flag.ONLY);
      QualifiedName n = c.qualifiedName();
      if (n == null) {
        break;
      }
      if (d.target == null) {
        d.target(n);
      } else {
        d.relation(n);
      }
      c.acceptPunct('*');
      c.skipGroup();
      if (!c.acceptPunct(',')) {
        break;
      }
    }
  }

  private static Draft comment(Cursor c) {
    c.next();
    if (!c.accept("on")) {
      return null;
    }
    Draft d = new Draft(StatementKind.COMMENT);
    objectReference(c, d);
    return d;
  }

  /** {@code <object type> name} as in COMMENT ON and SECURITY LABEL ON. */
  private static void objectReference(Cursor c, Draft d) {
    String type = Shapes.objectType(c);
    d.attr("object_type", type);
    switch (type) {
      case "column" -> {
        List<String> path = c.namePath();
        if (path != null && path.size() >= 2) {
          int k = path.size();
          d.attr("column", path.get(k - 1));
          d.target(
              k == 2
                  ? QualifiedName.of(path.get(0))
                  : new QualifiedName(path.get(k - 3), path.get(k - 2)));
        }
      }
      case "constraint", "trigger", "policy", "rule" -> {
        d.attr("name", c.identifier());
        if (c.accept("on")) {
          c.accept("domain");
          d.target(c.qualifiedName());
        }
      }
      default -> {
        if (!c.isPunct('(')) {
          d.target(c.qualifiedName());
        }
      }
    }
  }

  private static Draft securityLabel(Cursor c) {
    if (!c.is("security", "label")) {
      return null;
    }
    c.i += 2;
    Draft d = new Draft(StatementKind.SECURITY_LABEL);
    if (c.accept("for")) {
      d.attr("provider", c.next().identifier());
    }
    if (c.accept("on")) {
      objectReference(c, d);
    }
    return d;
  }

  private static Draft vacuum(Cursor c, StatementKind kind) {
    c.next();
    Draft d = new Draft(kind);
    while (!c.atEnd()) {
      if (c.isPunct('(')) {
        int close = c.groupEnd();
        for (int[] part : c.splitTopLevel(c.i + 1, close)) {
          Cursor o = c.sub(part[0], part[1]);
          if (o.accept("full")) {
            boolean off =
                o.is("false")
                    || o.is("off")
                    || (o.peek().type() == Token.Type.NUMBER && o.peek().text().equals("0"));
            d.flagIf(!off, Flag.FULL);
          }
        }
        c.i = Math.min(close + 1, c.end);
      } else if (c.accept("full")) {
        d.flag(Flag.FULL);
      } else if (c.accept("freeze")
          || c.accept("verbose")
          || c.accept("analyze")
          || c.accept("analyse")) {
        // options that do not change the lock taken
      } else {
        break;
      }
    }
    relationList(c, d);
    return d;
  }

  private static Draft cluster(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.CLUSTER);
    c.accept("verbose");
    c.skipGroup();
    QualifiedName first = c.qualifiedName();
    if (first == null) {
      return d;
    }
    if (c.accept("on")) { // pre-8.3 syntax: CLUSTER index ON table
      d.attr("index", first.name());
      d.target(c.qualifiedName());
    } else {
      d.target(first);
      if (c.accept("using")) {
        d.attr("index", c.identifier());
      }
    }
    return d;
  }

  private static Draft lock(Cursor c) {
    c.next();
    c.accept("table");
    Draft d = new Draft(StatementKind.LOCK_TABLE);
    relationList(c, d);
    String mode = "access exclusive";
    if (c.accept("in")) {
      StringBuilder sb = new StringBuilder();
      while (!c.atEnd() && !c.is("mode")) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(c.next().lower());
      }
      c.accept("mode");
      mode = sb.toString();
    }
    d.attr("lock_mode", mode);
    d.attr("nowait", c.accept("nowait") ? "true" : null);
    return d;
  }
}
