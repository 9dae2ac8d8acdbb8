package dev.schemagate.webhook.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's combinations: every pair of option values appears, and no refused combination. */
class PairwiseCoverTest {

  @Test
  void everyPossiblePairOfTheChartsOptionsIsInSomeCombination() {
    Map<String, List<String>> options = ChartMatrixTest.OPTIONS;
    List<Map<String, String>> rows = PairwiseCover.of(options, ChartMatrixTest::valid);
    List<String> names = List.copyOf(options.keySet());
    int pairs = 0;
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        for (String va : options.get(names.get(a))) {
          for (String vb : options.get(names.get(b))) {
            String na = names.get(a);
            String nb = names.get(b);
            boolean refused = ChartMatrixTest.valid(Map.of(na, va, nb, vb)) == false;
            boolean present =
                rows.stream().anyMatch(r -> r.get(na).equals(va) && r.get(nb).equals(vb));
            assertEquals(
                !refused,
                present,
                na + "=" + va + ", " + nb + "=" + vb + " in\n" + ChartMatrixTest.describe(rows));
            pairs++;
          }
        }
      }
    }
    assertEquals(915, pairs);
    assertTrue(rows.stream().allMatch(ChartMatrixTest::valid));
    assertFalse(rows.size() > 25, rows.size() + " combinations");
  }
}
