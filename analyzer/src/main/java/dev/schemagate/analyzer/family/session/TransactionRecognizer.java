package dev.schemagate.analyzer.family.session;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.StatementKind;

/**
 * Reads BEGIN, START TRANSACTION, COMMIT/END, ROLLBACK/ABORT, SAVEPOINT, RELEASE and PREPARE
 * TRANSACTION into a {@link TransactionControl}; {@link Flag#BEGIN} and {@link Flag#END} mark the
 * ones that open and close the transaction block.
 */
final class TransactionRecognizer {

  private TransactionRecognizer() {}

  static Draft transaction(Cursor c) {
    Token t = c.next();
    Draft d = new Draft(StatementKind.TRANSACTION_CONTROL);
    switch (t.lower()) {
      case "begin" -> d.flag(Flag.BEGIN).detail(TransactionControl.of("begin"));
      case "start" -> {
        if (!c.accept("transaction")) {
          return null;
        }
        d.flag(Flag.BEGIN).detail(TransactionControl.of("begin"));
      }
      case "commit", "end" -> {
        if (c.accept("prepared")) {
          d.detail(TransactionControl.of("commit_prepared"));
        } else {
          d.flag(Flag.END).detail(TransactionControl.of("commit"));
        }
      }
      case "rollback", "abort" -> {
        c.accept("work");
        c.accept("transaction");
        if (c.accept("to")) {
          c.accept("savepoint");
          d.detail(new TransactionControl("rollback", c.identifier()));
        } else if (c.accept("prepared")) {
          d.detail(TransactionControl.of("rollback_prepared"));
        } else {
          d.flag(Flag.END).detail(TransactionControl.of("rollback"));
        }
      }
      case "savepoint" -> d.detail(new TransactionControl("savepoint", c.identifier()));
      case "release" -> {
        c.accept("savepoint");
        d.detail(new TransactionControl("release", c.identifier()));
      }
      case "prepare" -> {
        if (!c.accept("transaction")) {
          return null;
        }
        d.flag(Flag.END).detail(TransactionControl.of("prepare"));
      }
      default -> {
        return null;
      }
    }
    return d;
  }
}
