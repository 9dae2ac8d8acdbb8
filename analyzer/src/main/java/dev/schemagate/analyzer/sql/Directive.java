package dev.schemagate.analyzer.sql;

import java.util.Map;

/**
 * A {@code -- schemagate:<verb> [argument] [key="value" …]} comment.
 *
 * <p>Three verbs exist: {@code allow} (a per-statement waiver: {@code -- schemagate:allow
 * lock/table-rewrite reason="table is empty in every environment"}), {@code phase} (options of the
 * whole phase file, e.g. {@code -- schemagate:phase transactional=false}) and {@code backfill} (the
 * batch statement of a backfill phase: {@code -- schemagate:backfill table=orders key=id}, read by
 * {@code check.BackfillOptions}).
 *
 * @param verb {@code allow}, {@code phase}, {@code backfill}, or whatever else was written
 *     (reported as unknown)
 * @param argument the first bare word after the verb (the rule id for {@code allow}), or null
 * @param options the key="value" pairs
 */
public record Directive(
    String verb, String argument, Map<String, String> options, int line, int column) {

  public Directive {
    options = Map.copyOf(options);
  }
}
