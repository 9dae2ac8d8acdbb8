package dev.schemagate.runner.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.runner.testing.Pg17;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runner's checkpoint after a lost connection: reload takes what the server committed, not what
 * was sent.
 */
class HistoryCheckpointReloadTest {

  @Test
  void reloadDropsAnAdvanceWhoseBatchNeverCommitted() throws Exception {
    Pg17.Db db = Pg17.newDatabase("checkpoint");
    long id = dev.schemagate.runner.testing.HistoryCheckpoint.start(db, "shop", 6);
    HistoryCheckpoint checkpoint = new HistoryCheckpoint(db, id, null, 0);

    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      checkpoint.advance(c, "700", 700);
      c.commit();
      checkpoint.advance(c, "1400", 700);
      c.rollback(); // the commit that never reached the server
    }
    assertEquals(
        Optional.of("1400"), checkpoint.lastKey(), "in memory, the lost batch still counts");

    checkpoint.reload();
    assertEquals(Optional.of("700"), checkpoint.lastKey());
    assertEquals(700, checkpoint.rowsDone());
  }
}
