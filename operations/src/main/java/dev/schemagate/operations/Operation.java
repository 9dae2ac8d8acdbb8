package dev.schemagate.operations;

/**
 * One kind of change that {@code schemagate new} writes as a version: what it validates against the
 * replayed catalog ({@link OperationException} with the reason), and the text of each file. One
 * class per operation, in package {@code dev.schemagate.operations.op}.
 */
public interface Operation {

  /** The version's default folder name part, e.g. {@code rename_customers_full_name}. */
  String slug();

  GeneratedVersion generate(OperationContext context);
}
