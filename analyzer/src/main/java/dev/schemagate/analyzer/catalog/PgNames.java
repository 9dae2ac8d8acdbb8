package dev.schemagate.analyzer.catalog;

import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL generates for constraints and indexes that were not named ({@code
 * makeObjectName} / {@code ChooseRelationName} / {@code ChooseConstraintName} in the server):
 * {@code <table>_<col>[_<col>…]_<label>}, shortened to fit 63 bytes by trimming the longer of the
 * two parts first, then {@code <label>1}, {@code <label>2}… on a clash.
 */
public final class PgNames {

  /** NAMEDATALEN - 1. */
  static final int MAX_IDENTIFIER = 63;

  private PgNames() {}

  /**
   * {@code makeObjectName(name1, name2, label)}; {@code name2} may be null. Assumes single-byte
   * characters.
   */
  public static String makeObjectName(String name1, String name2, String label) {
    int overhead = label == null ? 0 : label.length() + 1;
    if (name2 != null) {
      overhead++;
    }
    int avail = MAX_IDENTIFIER - overhead;
    int n1 = name1.length();
    int n2 = name2 == null ? 0 : name2.length();
    while (n1 + n2 > avail) {
      if (n1 > n2) {
        n1--;
      } else {
        n2--;
      }
    }
    StringBuilder sb = new StringBuilder(name1.substring(0, n1));
    if (name2 != null) {
      sb.append('_').append(name2, 0, n2);
    }
    if (label != null) {
      sb.append('_').append(label);
    }
    return sb.toString();
  }

  /** The first free name among {@code name1_name2_label}, {@code …_label1}, {@code …_label2}… */
  public static String choose(String name1, String name2, String label, Predicate<String> taken) {
    String candidate = makeObjectName(name1, name2, label);
    int pass = 0;
    while (taken.test(candidate)) {
      pass++;
      candidate = makeObjectName(name1, name2, label + pass);
    }
    return candidate;
  }

  /**
   * Column names joined the way {@code ChooseIndexNameAddition} / {@code
   * ChooseForeignKeyConstraintNameAddition} join them.
   */
  public static String joinColumns(List<String> columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      if (sb.length() > 0) {
        sb.append('_');
      }
      sb.append(c.matches("[A-Za-z_][A-Za-z0-9_$]*") ? c : "expr");
      if (sb.length() >= MAX_IDENTIFIER) {
        break;
      }
    }
    return sb.toString();
  }
}
