package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test fixture: builds {@link ParsedStatement}s with the model's constructors, each carrying the
 * SQL text it stands for, until the statement parser can produce them from that text.
 */
public final class Stmts {

  private Stmts() {}

  public static QualifiedName name(String written) {
    int dot = written.indexOf('.');
    return dot < 0 ? QualifiedName.of(written) : new QualifiedName(written.substring(0, dot), written.substring(dot + 1));
  }

  public static TypeName type(String name, Integer... modifiers) {
    String raw = modifiers.length == 0 ? name : name + Arrays.toString(modifiers).replace('[', '(').replace(']', ')');
    return new TypeName(name, List.of(modifiers), 0, raw);
  }

  public static ColumnDef col(String name, TypeName type) {
    return new ColumnDef(name, type, null, Volatility.NONE, false, ColumnDef.Generated.NONE, null, List.of(), null);
  }

  public static ColumnDef col(String name, TypeName type, boolean notNull, String dflt, Volatility vol,
      ColumnDef.Generated generated, ConstraintDef... constraints) {
    return new ColumnDef(name, type, dflt, vol, notNull, generated,
        generated == ColumnDef.Generated.STORED || generated == ColumnDef.Generated.VIRTUAL ? "x" : null,
        List.of(constraints), null);
  }

  public static ConstraintDef check(String name, String expression, String... columns) {
    return new ConstraintDef(name, ConstraintType.CHECK, List.of(columns), expression, null, List.of(), false, null, null, false);
  }

  public static ConstraintDef checkNotValid(String name, String expression, String... columns) {
    return new ConstraintDef(name, ConstraintType.CHECK, List.of(columns), expression, null, List.of(), true, null, null, false);
  }

  public static ConstraintDef fk(String name, String referenced, boolean notValid, String... columns) {
    return new ConstraintDef(name, ConstraintType.FOREIGN_KEY, List.of(columns), null, name(referenced), List.of(),
        notValid, null, null, false);
  }

  public static ConstraintDef unique(String name, String... columns) {
    return new ConstraintDef(name, ConstraintType.UNIQUE, List.of(columns), null, null, List.of(), false, null, null, false);
  }

  public static ConstraintDef pk(String name, String... columns) {
    return new ConstraintDef(name, ConstraintType.PRIMARY_KEY, List.of(columns), null, null, List.of(), false, null, null, false);
  }

  public static ConstraintDef usingIndex(ConstraintType type, String name, String index) {
    return new ConstraintDef(name, type, List.of(), null, null, List.of(), false, index, null, false);
  }

  public static ConstraintDef exclude(String name, String expression, String... columns) {
    return new ConstraintDef(name, ConstraintType.EXCLUDE, List.of(columns), expression, null, List.of(), false, null, null, false);
  }

  public static ConstraintDef notNull(String name, boolean notValid, String column) {
    return new ConstraintDef(name, ConstraintType.NOT_NULL, List.of(column), null, null, List.of(), notValid, null, null, false);
  }

  public static AlterAction.Builder action(ActionKind kind, String raw) {
    return AlterAction.of(kind, raw);
  }

  public static SqlStatement source(String sql) {
    return new SqlStatement("fixture.sql", sql, 1, 1, 1, 0, sql.length(), List.of(), false);
  }

  /** Any statement. */
  public static ParsedStatement stmt(String sql, StatementKind kind, String target, List<String> relations,
      List<AlterAction> actions, IndexDef index, Set<Flag> flags, Map<String, String> attributes) {
    List<QualifiedName> rels = relations.stream().map(Stmts::name).toList();
    return new ParsedStatement(source(sql), kind, target == null ? null : name(target), rels, actions, index,
        flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags), attributes, "fixture", null);
  }

  public static ParsedStatement simple(String sql, StatementKind kind, String target, Flag... flags) {
    return stmt(sql, kind, target, target == null ? List.of() : List.of(target), List.of(), null, Set.of(flags), Map.of());
  }

  public static ParsedStatement alter(String sql, String table, AlterAction... actions) {
    return stmt(sql, StatementKind.ALTER_TABLE, table, List.of(table), List.of(actions), null, Set.of(), Map.of());
  }

  public static ParsedStatement alter(String sql, String table, Set<Flag> flags, AlterAction... actions) {
    return stmt(sql, StatementKind.ALTER_TABLE, table, List.of(table), List.of(actions), null, flags, Map.of());
  }

  /** CREATE TABLE with columns and table constraints. */
  public static ParsedStatement createTable(String sql, String table, List<ColumnDef> columns,
      List<ConstraintDef> constraints, Flag... flags) {
    List<AlterAction> actions = new java.util.ArrayList<>();
    for (ColumnDef c : columns) {
      actions.add(AlterAction.of(ActionKind.ADD_COLUMN, c.name()).columnDef(c).build());
    }
    for (ConstraintDef c : constraints) {
      actions.add(AlterAction.of(ActionKind.ADD_CONSTRAINT, "constraint").constraint(c).build());
    }
    return stmt(sql, StatementKind.CREATE_TABLE, table, List.of(table), actions, null, Set.of(flags), Map.of());
  }

  public static ParsedStatement createTable(String sql, String table, ColumnDef... columns) {
    return createTable(sql, table, List.of(columns), List.of());
  }

  public static ParsedStatement partitionOf(String sql, String table, String parent) {
    return stmt(sql, StatementKind.CREATE_TABLE, table, List.of(table, parent), List.of(), null,
        Set.of(Flag.PARTITION_OF), Map.of());
  }

  public static ParsedStatement createIndex(String sql, String name, String table, boolean unique, Set<Flag> flags,
      String... columns) {
    IndexDef def = new IndexDef(name, name(table), unique, List.of(columns), "btree", null, flags.contains(Flag.ONLY));
    return stmt(sql, StatementKind.CREATE_INDEX, table, List.of(table), List.of(), def, flags, Map.of());
  }

  public static ParsedStatement withAttributes(String sql, StatementKind kind, String target, Map<String, String> attrs,
      Flag... flags) {
    return stmt(sql, kind, target, target == null ? List.of() : List.of(target), List.of(), null, Set.of(flags), attrs);
  }

  public static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
