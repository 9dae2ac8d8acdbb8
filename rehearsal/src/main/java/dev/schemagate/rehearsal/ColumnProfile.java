package dev.schemagate.rehearsal;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the filler should reproduce of a column, from a stats file ({@code pg_stats}): the share of
 * nulls, the number of distinct values (negative: a fraction of the rows, as PostgreSQL writes it)
 * and the average width in bytes.
 */
public record ColumnProfile(
    OptionalDouble nullFrac, OptionalDouble nDistinct, OptionalInt avgWidth) {

  public static final ColumnProfile NONE =
      new ColumnProfile(OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());

  /** The number of distinct values among {@code rows} rows, or empty when unknown. */
  public OptionalDouble distinctAmong(long rows) {
    if (nDistinct.isEmpty() || nDistinct.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    double d = nDistinct.getAsDouble();
    return OptionalDouble.of(Math.max(1, d < 0 ? -d * rows : Math.min(d, rows)));
  }
}
