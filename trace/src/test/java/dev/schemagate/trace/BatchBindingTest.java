package dev.schemagate.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A batch statement's {@code $1}/{@code $2} become the key range; the same text in comments and
 * literals stays.
 */
class BatchBindingTest {

  @Test
  void bindsParametersOutsideCommentsAndLiterals() {
    assertEquals(
        "UPDATE t SET a = '$1' WHERE id BETWEEN '1' AND '20000' -- $2 stays\n",
        BatchBinding.bind(
            "UPDATE t SET a = '$1' WHERE id BETWEEN $1 AND $2 -- $2 stays\n",
            new String[] {"1", "20000"}));
  }

  @Test
  void anEmptyTableOrACompositeKeyGetsNulls() {
    assertEquals(
        "DELETE FROM t WHERE (a, b) BETWEEN NULL AND NULL",
        BatchBinding.bind(
            "DELETE FROM t WHERE (a, b) BETWEEN $1 AND $2", new String[] {null, null}));
  }

  @Test
  void quotesTheBound() {
    assertEquals(
        "UPDATE t SET x = 1 WHERE k BETWEEN 'a''b' AND 'z' AND $10 IS NULL",
        BatchBinding.bind(
            "UPDATE t SET x = 1 WHERE k BETWEEN $1 AND $2 AND $10 IS NULL",
            new String[] {"a'b", "z"}));
  }
}
