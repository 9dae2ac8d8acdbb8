package dev.schemagate.analyzer.repo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders paths segment by segment, comparing runs of digits as numbers: {@code V2__x.sql} before
 * {@code V10__y.sql}, {@code 000002_x.up.sql} before {@code 000010_y.up.sql}, {@code 9/} before
 * {@code 10/}. Migration tools number files this way and expect this order. Flyway names are
 * compared by version ({@code V1__a < V1_1__b < V1.2__c < V2__d}), and its repeatable migrations
 * ({@code R__x.sql}) come after the versioned ones, as Flyway applies them.
 */
public final class NaturalPathOrder implements Comparator<String> {

  private static final Pattern FLYWAY = Pattern.compile("[VvUu](\\d+(?:[._]\\d+)*)__.*");

  private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("[Rr]__.*");

  public static final NaturalPathOrder INSTANCE = new NaturalPathOrder();

  private NaturalPathOrder() {}

  @Override
  public int compare(String a, String b) {
    String[] as = a.split("[/\\\\]");
    String[] bs = b.split("[/\\\\]");
    for (int i = 0; i < Math.min(as.length, bs.length); i++) {
      int c = compareSegment(as[i], bs[i]);
      if (c != 0) {
        return c;
      }
    }
    if (as.length != bs.length) {
      return Integer.compare(as.length, bs.length);
    }
    return a.compareTo(b);
  }

  private static int compareSegment(String a, String b) {
    // Flyway: V1__a < V1_1__b < V1.2__c < V2__d; the '__' ends the version, so compare versions
    // first.
    // Flyway applies repeatable migrations (R__x.sql) after all versioned ones.
    boolean ra = FLYWAY_REPEATABLE.matcher(a).matches();
    boolean rb = FLYWAY_REPEATABLE.matcher(b).matches();
    if (ra != rb && (FLYWAY.matcher(ra ? b : a).matches())) {
      return ra ? 1 : -1;
    }
    Matcher fa = FLYWAY.matcher(a);
    Matcher fb = FLYWAY.matcher(b);
    if (fa.matches() && fb.matches()) {
      String[] va = fa.group(1).split("[._]");
      String[] vb = fb.group(1).split("[._]");
      for (int i = 0; i < Math.min(va.length, vb.length); i++) {
        int c = new BigInteger(va[i]).compareTo(new BigInteger(vb[i]));
        if (c != 0) {
          return c;
        }
      }
      if (va.length != vb.length) {
        return Integer.compare(va.length, vb.length);
      }
    }
    List<String> at = tokens(a);
    List<String> bt = tokens(b);
    for (int i = 0; i < Math.min(at.size(), bt.size()); i++) {
      String x = at.get(i);
      String y = bt.get(i);
      boolean xNum = Character.isDigit(x.charAt(0));
      boolean yNum = Character.isDigit(y.charAt(0));
      int c;
      if (xNum && yNum) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
        if (c == 0) {
          c = Integer.compare(x.length(), y.length()); // 01 after 1: stable, rarely matters
        }
      } else if (xNum != yNum) {
        c = xNum ? -1 : 1; // digits sort before letters, as in ASCII
      } else {
        c = x.compareToIgnoreCase(y);
        if (c == 0) {
          c = x.compareTo(y);
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(at.size(), bt.size());
  }

  private static List<String> tokens(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int j = i;
      boolean digit = Character.isDigit(s.charAt(i)) && s.charAt(i) < 128;
      while (j < s.length() && (Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) == digit) {
        j++;
      }
      tokens.add(s.substring(i, j));
      i = j;
    }
    return tokens;
  }
}
