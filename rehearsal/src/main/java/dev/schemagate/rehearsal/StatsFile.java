package dev.schemagate.rehearsal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The stats file of {@code schemagate stats} ({@code "format": "schemagate-stats", "version": 1}):
 * what a rehearsal needs of a production database and nothing private — sizes, per-column shape
 * from {@code pg_stats} without values (unless {@code with_values}), indexes, and the top
 * normalized queries. docs/rehearsal.md#the-stats-file.
 *
 * @param database the database's name (no host, no user)
 * @param topQueries null when not asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatsFile(
    String format,
    int version,
    String generatedAt,
    String serverVersion,
    String database,
    boolean withValues,
    List<TableStats> tables,
    TopQueries topQueries) {

  public static final String FORMAT = "schemagate-stats";
  public static final int VERSION = 1;

  /**
   * One table: {@code rows} is {@code pg_class.reltuples} (the planner's estimate), sizes in bytes.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableStats(
      String schema,
      String name,
      long rows,
      long sizeBytes,
      long toastBytes,
      long deadRows,
      List<ColumnStats> columns,
      List<IndexStats> indexes) {

    /** Column name → the shape the filler reproduces. */
    public Map<String, ColumnProfile> profiles() {
      Map<String, ColumnProfile> out = new LinkedHashMap<>();
      for (ColumnStats c : columns) {
        out.put(
            c.name(),
            new ColumnProfile(
                c.nullFrac() == null ? OptionalDouble.empty() : OptionalDouble.of(c.nullFrac()),
                c.nDistinct() == null ? OptionalDouble.empty() : OptionalDouble.of(c.nDistinct()),
                c.avgWidth() == null ? OptionalInt.empty() : OptionalInt.of(c.avgWidth())));
      }
      return out;
    }
  }

  /**
   * One column as {@code pg_stats} describes it (all null when the table was never analyzed).
   *
   * @param histogramBounds only with {@code --with-values}
   * @param mostCommonValues only with {@code --with-values}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ColumnStats(
      String name,
      String type,
      Double nullFrac,
      Integer avgWidth,
      Double nDistinct,
      Double correlation,
      List<String> histogramBounds,
      List<String> mostCommonValues,
      List<Double> mostCommonFreqs) {}

  /**
   * One index: its definition ({@code pg_get_indexdef}), size in bytes and scans since the
   * statistics were reset.
   */
  public record IndexStats(String name, String definition, long sizeBytes, long scans) {}

  /**
   * The top normalized queries of {@code pg_stat_statements} (constants replaced by {@code $n}).
   *
   * @param available false when the extension is not installed in the database; {@code note} says
   *     so
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TopQueries(boolean available, String note, List<TopQuery> queries) {}

  /** One normalized query with its calls and mean execution time in milliseconds. */
  public record TopQuery(String query, long calls, double meanMs) {}

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static StatsFile read(Path file) {
    JsonNode node;
    try {
      node = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new RehearsalException(
          "--stats "
              + file
              + ": cannot be read as JSON ("
              + SyntheticFill.firstLine(e.getMessage())
              + ")",
          e);
    }
    if (node == null || !FORMAT.equals(node.path("format").asText())) {
      throw new RehearsalException(
          "--stats "
              + file
              + ": not a stats file (\"format\" is not \""
              + FORMAT
              + "\"); write one with schemagate stats --db URL -o FILE");
    }
    if (node.path("version").asInt() != VERSION) {
      throw new RehearsalException(
          "--stats "
              + file
              + ": version "
              + node.path("version")
              + " is not supported (this schemagate reads version "
              + VERSION
              + "); export it again with this schemagate's stats");
    }
    try {
      return JSON.treeToValue(node, StatsFile.class);
    } catch (IOException e) {
      throw new RehearsalException(
          "--stats " + file + ": " + SyntheticFill.firstLine(e.getMessage()), e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code public.orders} → its statistics. */
  public Optional<TableStats> table(String qualified) {
    return tables.stream().filter(t -> (t.schema() + "." + t.name()).equals(qualified)).findFirst();
  }

  public List<TopQuery> topQueriesOrEmpty() {
    return topQueries == null || topQueries.queries() == null ? List.of() : topQueries.queries();
  }

  /**
   * The top queries the rehearsal can run: those whose parameters bind to the data, weighted by
   * calls; others are reported and left out.
   */
  public List<WorkloadQuery> workload(LiveSchema live, String schema, Consumer<String> log) {
    List<WorkloadQuery> out = new ArrayList<>();
    int i = 0;
    for (TopQuery q : topQueriesOrEmpty()) {
      i++;
      String first = q.query().stripLeading().toLowerCase(java.util.Locale.ROOT);
      if (!first.matches("(?s)(select|with|update|delete|insert)\\b.*")) {
        log.accept("stats top query " + i + " left out of the workload: not a query or DML");
        continue;
      }
      try {
        out.add(
            WorkloadQuery.parse(
                "stats top query " + i, q.query(), live, schema, Math.max(1, q.calls())));
      } catch (RehearsalException e) {
        log.accept(e.getMessage() + " (left out of the workload)");
      }
    }
    return out;
  }
}
