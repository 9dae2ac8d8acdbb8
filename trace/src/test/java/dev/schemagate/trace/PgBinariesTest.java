package dev.schemagate.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgBinariesTest {

  @Test
  void everyMajorFromFourteenToEighteenIsPackaged() {
    assertEquals(List.of(14, 15, 16, 17, 18), PgBinaries.available());
  }

  @Test
  void anUnpackagedPlatformIsAClearError() {
    IOException e =
        assertThrows(IOException.class, () -> new PgBinaries(17).getPgBinary("Darwin", "arm_64"));
    assertTrue(
        e.getMessage().contains("no PostgreSQL 17 binaries for Darwin-arm_64"), e.getMessage());
  }
}
