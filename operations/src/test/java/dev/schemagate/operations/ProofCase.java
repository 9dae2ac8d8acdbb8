package dev.schemagate.operations;

import java.util.List;

/**
 * What {@link OperationProof} needs to know of one operation: the operation, the rows it starts
 * from, how code of each shape writes and reads them, how to tell that the two shapes disagree, and
 * what must hold once the contract ran. Reads are {@code SELECT id, value …} over the whole table;
 * checks are queries that must return no row.
 *
 * @param seed SQL that inserts the starting rows; {@code {rows}} stands for their number
 * @param disagreement rows where the two shapes read different values, or null when both shapes
 *     read the same columns
 * @param contracted queries that must return no row after the contract (the new shape is in place)
 * @param refusedAfterContract statements the database must refuse after the contract (the new rule
 *     holds)
 */
record ProofCase(
    String name,
    MultiVersionOperation operation,
    String seed,
    String oldRead,
    String newRead,
    Shape oldShape,
    Shape newShape,
    String disagreement,
    List<String> contracted,
    List<String> refusedAfterContract) {

  ProofCase {
    contracted = List.copyOf(contracted);
    refusedAfterContract = List.copyOf(refusedAfterContract);
  }

  static ProofCase of(String name, Operation operation, String seed) {
    return new ProofCase(
        name,
        MultiVersionOperation.of(operation),
        seed,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of());
  }

  ProofCase reads(String oldShape, String newShape) {
    return new ProofCase(
        name,
        operation,
        seed,
        oldShape,
        newShape,
        this.oldShape,
        this.newShape,
        disagreement,
        contracted,
        refusedAfterContract);
  }

  ProofCase shapes(Shape oldShape, Shape newShape) {
    return new ProofCase(
        name,
        operation,
        seed,
        oldRead,
        newRead,
        oldShape,
        newShape,
        disagreement,
        contracted,
        refusedAfterContract);
  }

  ProofCase disagreement(String query) {
    return new ProofCase(
        name,
        operation,
        seed,
        oldRead,
        newRead,
        oldShape,
        newShape,
        query,
        contracted,
        refusedAfterContract);
  }

  ProofCase contracted(String... queries) {
    return new ProofCase(
        name,
        operation,
        seed,
        oldRead,
        newRead,
        oldShape,
        newShape,
        disagreement,
        List.of(queries),
        refusedAfterContract);
  }

  ProofCase refusedAfterContract(String... statements) {
    return new ProofCase(
        name,
        operation,
        seed,
        oldRead,
        newRead,
        oldShape,
        newShape,
        disagreement,
        contracted,
        List.of(statements));
  }

  @Override
  public String toString() {
    return name;
  }
}
