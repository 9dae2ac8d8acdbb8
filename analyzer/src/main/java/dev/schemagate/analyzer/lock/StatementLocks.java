package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;

/**
 * What a statement family's lock facts write to, for one statement: the locks it takes, rewrite,
 * scan, transactional, a version error and notes, with the catalog and context to decide them.
 * Relation names are schema-qualified with the context's default schema ({@link #q}).
 */
public final class StatementLocks {
  private final ParsedStatement st;
  private final Catalog catalog;
  private final LockContext ctx;
  private final FactsBuilder facts;

  StatementLocks(ParsedStatement st, Catalog catalog, LockContext ctx, FactsBuilder facts) {
    this.st = st;
    this.catalog = catalog;
    this.ctx = ctx;
    this.facts = facts;
  }

  public ParsedStatement statement() {
    return st;
  }

  public Catalog catalog() {
    return catalog;
  }

  public LockContext context() {
    return ctx;
  }

  /** The PostgreSQL major version, 14 to 18. */
  public int version() {
    return ctx.pgVersion();
  }

  /** The name qualified with the default schema when it has none. */
  public String q(QualifiedName name) {
    return name.inSchema(ctx.defaultSchema()).toString();
  }

  /** Whether an earlier statement of the same phase file created this (qualified) relation. */
  public boolean isNew(String relation) {
    return ctx.createdInPhase().contains(relation);
  }

  /** A qualified name ({@link #q}) read back into its parts. */
  public QualifiedName name(String qualified) {
    int dot = qualified.lastIndexOf('.');
    return new QualifiedName(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  /** Notes that a relation the history never created is assumed to exist and hold rows. */
  public void unknownTable(String relation) {
    if (!isNew(relation) && catalog.kindOf(name(relation)) == RelationKind.UNKNOWN) {
      facts.note(relation + " is not in the replayed history: assumed to exist and hold rows");
    }
  }

  /** Takes a lock; the strongest lock per relation is kept. */
  public void lock(String relation, LockMode mode) {
    facts.lock(relation, mode);
  }

  /** The lock taken on this relation so far, or null. */
  public LockMode lockOn(String relation) {
    return facts.lockOn(relation);
  }

  public void lockAll(List<QualifiedName> names, LockMode mode) {
    for (QualifiedName n : names) {
      facts.lock(q(n), mode);
    }
  }

  public void lockTarget(LockMode mode) {
    if (st.target() != null) {
      facts.lock(q(st.target()), mode);
    }
  }

  public void note(String note) {
    facts.note(note);
  }

  /** Marks a relation as created by this statement. */
  public void created(String relation) {
    facts.created(relation);
  }

  public void versionError(String error) {
    facts.versionError(error);
  }

  public void rewrite() {
    facts.rewrite = true;
  }

  public void scan() {
    facts.scan = true;
  }

  /**
   * Sets whether the statement reads every row (a rewrite is reported instead when there is one).
   */
  public void scan(boolean value) {
    facts.scan = value;
  }

  public boolean scans() {
    return facts.scan;
  }

  /** The statement cannot run inside a transaction block. */
  public void notTransactional() {
    facts.transactional = false;
  }
}
