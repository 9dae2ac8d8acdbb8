package dev.schemagate.analyzer.catalog;

/** What kind of relation a name denotes in the replayed catalog. */
public enum RelationKind {
  TABLE,
  INDEX,
  SEQUENCE,
  VIEW,
  MATERIALIZED_VIEW,
  /** Never created in the replayed history: the lock model assumes it exists and is populated. */
  UNKNOWN
}
