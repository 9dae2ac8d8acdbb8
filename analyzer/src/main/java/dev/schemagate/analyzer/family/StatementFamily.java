package dev.schemagate.analyzer.family;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import java.util.Set;

/**
 * One family of statements (sequences, session settings, indexes…): what it recognizes, what it
 * changes in the replayed catalog and which locks it takes, side by side in the family's package.
 * {@link Families} dispatches to it by statement kind and by the words that start its statements; a
 * kind belongs to one family only. Adding a statement or an action touches one family.
 */
public interface StatementFamily {

  /** The statement kinds this family owns: their catalog replay and lock facts are its own. */
  Set<StatementKind> kinds();

  /**
   * Statements that start with a word of their own (SET, BEGIN, REINDEX…), the cursor on that word.
   */
  default Map<String, Recognizer> leadWords() {
    return Map.of();
  }

  /** {@code CREATE … <word>}: the object words this family reads, the cursor on the word. */
  default Map<String, CreateRecognizer> createWords() {
    return Map.of();
  }

  /** {@code ALTER <word>}: the object words this family reads, the cursor on the word. */
  default Map<String, Recognizer> alterWords() {
    return Map.of();
  }

  /**
   * {@code DROP <object type>}: the object types this family reads (multi-word ones such as {@code
   * materialized view} spelled with one space), the cursor after them.
   */
  default Map<String, Recognizer> dropWords() {
    return Map.of();
  }

  /** Applies one statement of this family to the replayed schema; nothing by default. */
  default void replay(ParsedStatement st, Catalog catalog) {}

  /** The locks, rewrite, scan and notes of one statement of this family; none by default. */
  default void lockFacts(ParsedStatement st, StatementLocks locks) {}
}
