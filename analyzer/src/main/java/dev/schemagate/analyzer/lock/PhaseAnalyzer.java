package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the {@link LockModel} over one phase file's statements in order, replaying each into a copy
 * of the starting catalog, and tracks which relations the file itself created (their locks are
 * harmless: no other session knows them yet).
 */
public final class PhaseAnalyzer {

  private final LockModel model = new LockModel();
  private final int pgVersion;

  public PhaseAnalyzer(int pgVersion) {
    new LockContext(pgVersion, "public", Set.of()); // validates the version
    this.pgVersion = pgVersion;
  }

  /** Analyzes the statements; {@code before} is not modified. */
  public Result run(List<ParsedStatement> statements, Catalog before) {
    Catalog catalog = before.copy();
    Set<String> created = new LinkedHashSet<>();
    List<StatementFacts> facts = new ArrayList<>(statements.size());
    SessionTimeZone timeZone = new SessionTimeZone();
    for (ParsedStatement st : statements) {
      LockContext ctx =
          new LockContext(pgVersion, catalog.defaultSchema(), created, timeZone.utc());
      StatementFacts f = model.analyze(st, catalog, ctx);
      timeZone.after(st);
      facts.add(f);
      created.addAll(createdBy(st, catalog));
      String renamedTo = renamedTo(st, catalog, created);
      catalog.apply(st);
      if (renamedTo != null) {
        created.add(renamedTo);
      }
    }
    return new Result(List.copyOf(facts), catalog, Set.copyOf(created));
  }

  /** A relation of this file renamed or moved by the statement stays new under its new name. */
  private static String renamedTo(ParsedStatement st, Catalog catalog, Set<String> created) {
    if (st.target() == null || !created.contains(catalog.qualify(st.target()))) {
      return null;
    }
    QualifiedName q = st.target().inSchema(catalog.defaultSchema());
    String result = null;
    for (AlterAction a : st.actions()) {
      if (a.kind() == ActionKind.RENAME_TABLE && a.newName() != null) {
        q = new QualifiedName(q.schema(), a.newName());
        result = q.toString();
      } else if (a.kind() == ActionKind.SET_SCHEMA && a.newName() != null) {
        q = new QualifiedName(a.newName(), q.name());
        result = q.toString();
      }
    }
    return result;
  }

  private static List<String> createdBy(ParsedStatement st, Catalog catalog) {
    List<String> out = new ArrayList<>();
    QualifiedName t = st.target();
    switch (st.kind()) {
      case CREATE_TABLE,
          CREATE_TABLE_AS,
          CREATE_VIEW,
          CREATE_MATERIALIZED_VIEW,
          CREATE_SEQUENCE -> {
        if (t != null
            && catalog.kindOf(t) == dev.schemagate.analyzer.catalog.RelationKind.UNKNOWN) {
          out.add(catalog.qualify(t));
        }
      }
      case CREATE_INDEX -> {
        if (st.index() != null) {
          String schema = st.index().table().inSchema(catalog.defaultSchema()).schema();
          out.add(schema + "." + catalog.indexName(st.index()));
        }
      }
      default -> {}
    }
    return out;
  }

  /**
   * The facts of each statement, the catalog after the whole file, and the relations the file
   * created.
   */
  public record Result(List<StatementFacts> facts, Catalog after, Set<String> createdRelations) {

    /**
     * For a foreign key added by {@code statement} (as {@code ADD CONSTRAINT}, inline {@code
     * REFERENCES}, or a table constraint of CREATE TABLE): whether an index whose leading columns
     * are its referencing columns exists once the whole file has run ({@code fk_columns_indexed} in
     * docs/policy-input.md); null when the constraint is not a foreign key.
     */
    public Boolean fkColumnsIndexed(ParsedStatement statement, ConstraintDef constraint) {
      if (constraint == null
          || constraint.type() != ConstraintDef.ConstraintType.FOREIGN_KEY
          || statement.target() == null) {
        return null;
      }
      QualifiedName table = statement.target();
      if (statement.kind() != StatementKind.ALTER_TABLE
          && statement.kind() != StatementKind.CREATE_TABLE) {
        return null;
      }
      // A table renamed later in the same file is not followed: the answer is then false
      // (conservative).
      return after.hasIndexWithLeadingColumns(table, constraint.columns());
    }

    /**
     * Convenience: the same for an action of the statement (ADD CONSTRAINT, or ADD COLUMN with
     * REFERENCES).
     */
    public Boolean fkColumnsIndexed(ParsedStatement statement, AlterAction action) {
      if (action.kind() == ActionKind.ADD_CONSTRAINT) {
        return fkColumnsIndexed(statement, action.constraint());
      }
      if (action.kind() == ActionKind.ADD_COLUMN && action.columnDef() != null) {
        for (ConstraintDef c : action.columnDef().constraints()) {
          if (c.type() == ConstraintDef.ConstraintType.FOREIGN_KEY) {
            ConstraintDef withColumn =
                c.columns().isEmpty()
                    ? new ConstraintDef(
                        c.name(),
                        c.type(),
                        List.of(action.columnDef().name()),
                        c.expression(),
                        c.referencedTable(),
                        c.referencedColumns(),
                        c.notValid(),
                        c.usingIndex(),
                        c.onDelete(),
                        c.deferrable())
                    : c;
            return fkColumnsIndexed(statement, withColumn);
          }
        }
      }
      return null;
    }
  }
}
