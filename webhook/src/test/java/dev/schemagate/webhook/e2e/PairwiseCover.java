package dev.schemagate.webhook.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small set of combinations of options in which every pair of values of every two options appears
 * at least once (pairwise testing), among the combinations {@code valid} accepts. Greedy: each new
 * combination is the best of a fixed number of seeded candidates, completed value by value to cover
 * the most pairs still missing. Deterministic for the same options.
 */
final class PairwiseCover {

  private PairwiseCover() {}

  static List<Map<String, String>> of(
      Map<String, List<String>> options, Predicate<Map<String, String>> valid) {
    List<String> names = List.copyOf(options.keySet());
    Set<String> missing = new HashSet<>();
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        for (String va : options.get(names.get(a))) {
          for (String vb : options.get(names.get(b))) {
            if (pairPossible(options, valid, names.get(a), va, names.get(b), vb)) {
              missing.add(key(names.get(a), va, names.get(b), vb));
            }
          }
        }
      }
    }
    Random random = new Random(16);
    List<Map<String, String>> rows = new ArrayList<>();
    while (!missing.isEmpty()) {
      Map<String, String> best = null;
      int bestGain = -1;
      for (int c = 0; c < 40; c++) {
        Map<String, String> row = candidate(options, names, missing, random);
        if (!valid.test(row)) {
          continue;
        }
        int gain = covered(row, names, missing).size();
        if (gain > bestGain) {
          best = row;
          bestGain = gain;
        }
      }
      if (best == null || bestGain == 0) {
        throw new IllegalStateException("no valid combination covers " + missing.iterator().next());
      }
      missing.removeAll(covered(best, names, missing));
      rows.add(best);
    }
    return rows;
  }

  /**
   * Options in a random order, each given the value that covers most missing pairs with those
   * already set.
   */
  private static Map<String, String> candidate(
      Map<String, List<String>> options, List<String> names, Set<String> missing, Random random) {
    List<String> order = new ArrayList<>(names);
    java.util.Collections.shuffle(order, random);
    Map<String, String> row = new LinkedHashMap<>();
    for (String name : order) {
      String bestValue = null;
      int bestGain = -1;
      for (String v : options.get(name)) {
        int gain = 0;
        for (Map.Entry<String, String> e : row.entrySet()) {
          if (missing.contains(orderedKey(names, name, v, e.getKey(), e.getValue()))) {
            gain++;
          }
        }
        if (gain > bestGain || (gain == bestGain && random.nextBoolean())) {
          bestValue = v;
          bestGain = gain;
        }
      }
      row.put(name, bestValue);
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    names.forEach(n -> ordered.put(n, row.get(n)));
    return ordered;
  }

  private static Set<String> covered(
      Map<String, String> row, List<String> names, Set<String> missing) {
    Set<String> out = new HashSet<>();
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        String k = key(names.get(a), row.get(names.get(a)), names.get(b), row.get(names.get(b)));
        if (missing.contains(k)) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /**
   * Whether some valid row holds both values: the first value of every other option, then every
   * value.
   */
  private static boolean pairPossible(
      Map<String, List<String>> options,
      Predicate<Map<String, String>> valid,
      String a,
      String va,
      String b,
      String vb) {
    for (int choice = 0; choice < 3; choice++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : options.entrySet()) {
        List<String> values = e.getValue();
        row.put(e.getKey(), values.get(Math.min(choice, values.size() - 1)));
      }
      row.put(a, va);
      row.put(b, vb);
      if (valid.test(row)) {
        return true;
      }
    }
    return false;
  }

  private static String orderedKey(List<String> names, String n1, String v1, String n2, String v2) {
    return names.indexOf(n1) < names.indexOf(n2) ? key(n1, v1, n2, v2) : key(n2, v2, n1, v1);
  }

  private static String key(String a, String va, String b, String vb) {
    return a + "=" + va + "\u0000" + b + "=" + vb;
  }
}
