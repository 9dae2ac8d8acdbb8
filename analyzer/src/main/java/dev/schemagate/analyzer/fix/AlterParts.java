package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.statement.AlterAction;

/**
 * A single-action ALTER TABLE split where its action starts: the prefix as the author wrote it
 * ({@code ALTER TABLE IF EXISTS ONLY "Orders"}), reused verbatim for the statements a fix adds, and
 * the position of the action's first word.
 */
record AlterParts(String prefix, SqlWords.Word add) {

  static AlterParts of(String text, SqlWords words, AlterAction action) {
    SqlWords.Word table = words.first(0, "TABLE");
    if (table == null) {
      return null;
    }
    int actionStart = -1;
    if (action.raw() != null && !action.raw().isBlank()) {
      actionStart = text.indexOf(action.raw().strip(), table.end());
    }
    SqlWords.Word first = null;
    for (SqlWords.Word w : words.words()) {
      if (w.depth() == 0
          && w.start() >= (actionStart >= 0 ? actionStart : table.end())
          && (actionStart >= 0 || isActionWord(w.upper()))) {
        first = w;
        break;
      }
    }
    if (first == null || first.start() <= table.end()) {
      return null;
    }
    // From ALTER on: a comment the statement's text may start with is not repeated.
    SqlWords.Word alter = words.first(0, "ALTER");
    int from = alter != null && alter.start() < table.start() ? alter.start() : 0;
    String prefix = text.substring(from, first.start()).strip();
    return new AlterParts(prefix, first);
  }

  private static boolean isActionWord(String upper) {
    return upper.equals("ADD")
        || upper.equals("ALTER")
        || upper.equals("DROP")
        || upper.equals("VALIDATE");
  }
}
