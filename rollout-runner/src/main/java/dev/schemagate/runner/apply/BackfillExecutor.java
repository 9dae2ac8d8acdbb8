package dev.schemagate.runner.apply;

import dev.schemagate.runner.backfill.Checkpoint;
import dev.schemagate.runner.config.RolloutSettings;
import dev.schemagate.runner.db.Database;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Runs a backfill phase in batches (the engine lives in {@code dev.schemagate.runner.backfill}).
 * The runner inserts the history row before and records success after; the engine commits each
 * batch with {@link Checkpoint#advance} in the batch's transaction and returns once no row is left.
 * Without an engine, {@link PhaseExecutor} runs a backfill file as one transactional phase.
 */
public interface BackfillExecutor {

  void run(Request request) throws SQLException, InterruptedException;

  /**
   * @param checkpoint where the previous attempt stopped ({@link Checkpoint#lastKey()}), and where
   *     each batch records its progress
   * @param log one line per event worth showing (the engine draws its progress bar itself)
   */
  record Request(
      Database database,
      PhaseWork work,
      RolloutSettings settings,
      Checkpoint checkpoint,
      Consumer<String> log) {}
}
