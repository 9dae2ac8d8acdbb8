package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration syntax of schemagate.yaml, directives and options. */
class DurationsTest {

  @Test
  void parsesTheUnitsOfPostgresqlAndKubernetes() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2min"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1.5 min"));
    assertEquals(Duration.ofHours(1), Durations.parse(" 1H "));
    assertEquals(Duration.ZERO, Durations.parse("0s"));
  }

  @Test
  void takesIso8601Too() {
    assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("pt1.5s"));
  }

  @Test
  void refusesWhatItCannotReadNamingTheForm() {
    for (String bad : new String[] {"soon", "10", "10 sec", "-1s", "PT-5S", "1.5ms", "", "1d"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad.isEmpty() ? "\"\"" : bad), e.getMessage());
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1.5ms"))
            .getMessage()
            .contains("fractions"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"))
            .getMessage()
            .contains(Durations.EXAMPLES));
  }

  @Test
  void formatsForMessages() {
    assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    assertEquals("12.3s", Durations.format(Duration.ofMillis(12_340)));
    assertEquals("2s", Durations.format(Duration.ofMillis(2_000)));
    assertEquals("2m05s", Durations.format(Duration.ofSeconds(125)));
    assertEquals("1h02m", Durations.format(Duration.ofMinutes(62)));
  }
}
