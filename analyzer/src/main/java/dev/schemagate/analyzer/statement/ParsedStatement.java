package dev.schemagate.analyzer.statement;

import dev.schemagate.analyzer.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A statement as the analyzer understood it: what it is and what it names. Facts about locks and
 * rewrites are derived from this plus the catalog (see the lock model), not stored here.
 *
 * @param target the main object acted on: the table for CREATE/ALTER/DROP TABLE and CREATE INDEX
 *     (its table: see {@link #index()} for the index name), the index for DROP/ALTER INDEX and
 *     REINDEX INDEX, the view, type, sequence… for the others; null when there is none (SET, DO…)
 * @param relations every relation the statement names, target first: DROP TABLE a, b; TRUNCATE; the
 *     tables an UPDATE or INSERT … SELECT reads; the parent of CREATE TABLE … PARTITION OF; the
 *     tables a DO block's body alters (ALTER TABLE outside EXECUTE strings)
 * @param actions ALTER TABLE / ALTER INDEX / ALTER TYPE sub-commands; for CREATE TABLE, one {@code
 *     ADD_COLUMN} per column and one {@code ADD_CONSTRAINT} per table constraint
 * @param index for CREATE INDEX; else null
 * @param attributes small extra facts by name, for the statement families not yet moved to {@code
 *     dev.schemagate.analyzer.family} (docs/parsing.md lists them): {@code object_type} for
 *     COMMENT/CREATE_OTHER/DROP_OTHER, {@code lock_mode} for LOCK TABLE, {@code meta} for psql
 *     meta-commands…
 * @param detail the typed data of the statement's family (see {@link StatementDetail}); null when
 *     the family records none. Families moved to {@code dev.schemagate.analyzer.family} use it
 *     instead of {@code attributes}
 * @param parser which part understood it: {@code recognizer}, {@code jsqlparser}, or {@code none}
 * @param reason for {@link StatementKind#UNPARSED}: why it could not be understood; else null
 */
public record ParsedStatement(
    SqlStatement source,
    StatementKind kind,
    QualifiedName target,
    List<QualifiedName> relations,
    List<AlterAction> actions,
    IndexDef index,
    Set<Flag> flags,
    Map<String, String> attributes,
    StatementDetail detail,
    String parser,
    String reason) {

  public ParsedStatement {
    relations = List.copyOf(relations);
    actions = List.copyOf(actions);
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
    attributes = Map.copyOf(attributes);
  }

  /**
   * A statement without typed detail (a family that records none, or a test's hand-made statement).
   */
  public ParsedStatement(
      SqlStatement source,
      StatementKind kind,
      QualifiedName target,
      List<QualifiedName> relations,
      List<AlterAction> actions,
      IndexDef index,
      Set<Flag> flags,
      Map<String, String> attributes,
      String parser,
      String reason) {
    this(source, kind, target, relations, actions, index, flags, attributes, null, parser, reason);
  }

  /** The family's typed detail when it is of this type (see {@link StatementDetail}). */
  public <T extends StatementDetail> Optional<T> detail(Class<T> type) {
    return type.isInstance(detail) ? Optional.of(type.cast(detail)) : Optional.empty();
  }

  public boolean has(Flag flag) {
    return flags.contains(flag);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  /**
   * The public kind string: {@code alter_table.add_column} for an ALTER TABLE whose sub-commands
   * are all of one kind, {@code alter_table} when they differ, else {@link StatementKind#id()}.
   */
  public String kindId() {
    if ((kind == StatementKind.ALTER_TABLE
            || kind == StatementKind.ALTER_TYPE
            || kind == StatementKind.ALTER_INDEX)
        && !actions.isEmpty()) {
      ActionKind first = actions.get(0).kind();
      if (actions.stream().allMatch(a -> a.kind() == first)) {
        return kind.id() + "." + first.id();
      }
    }
    return kind.id();
  }
}
