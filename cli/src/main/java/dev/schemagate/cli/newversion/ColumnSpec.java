package dev.schemagate.cli.newversion;

/**
 * {@code NAME:TYPE=EXPR} as {@code --into} takes it; the type may hold {@code (…)} and spaces, the
 * expression anything.
 */
record ColumnSpec(String name, String type, String expression) {

  static ColumnSpec parse(String option, String text) {
    int colon = text.indexOf(':');
    int eq = text.indexOf('=', colon + 1);
    if (colon <= 0 || eq < 0 || eq == colon + 1 || eq == text.length() - 1) {
      throw new IllegalArgumentException(
          option
              + " "
              + text
              + ": expected NAME:TYPE=EXPR, e.g. first_name:text=split_part(full_name, ' ', 1)");
    }
    return new ColumnSpec(
        text.substring(0, colon).strip(),
        text.substring(colon + 1, eq).strip(),
        text.substring(eq + 1).strip());
  }
}
