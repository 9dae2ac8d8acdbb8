package dev.schemagate.analyzer.family.session;

import dev.schemagate.analyzer.family.Recognizer;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import java.util.Set;

/**
 * Session and transaction control: SET, RESET, BEGIN … COMMIT, savepoints. They change neither the
 * schema nor take a table lock; what they change is the session the later statements run in (the
 * lock model follows SET timezone, the check follows the transaction block).
 */
public final class SessionFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(StatementKind.SET, StatementKind.RESET, StatementKind.TRANSACTION_CONTROL);
  }

  @Override
  public Map<String, Recognizer> leadWords() {
    Recognizer transaction = TransactionRecognizer::transaction;
    return Map.ofEntries(
        Map.entry("set", SettingRecognizer::set),
        Map.entry("reset", SettingRecognizer::reset),
        Map.entry("begin", transaction),
        Map.entry("start", transaction),
        Map.entry("commit", transaction),
        Map.entry("end", transaction),
        Map.entry("rollback", transaction),
        Map.entry("abort", transaction),
        Map.entry("savepoint", transaction),
        Map.entry("release", transaction),
        Map.entry("prepare", transaction));
  }
}
