package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the workload's queries come from: a file, or point reads and one-row updates of the tables
 * the change touches.
 */
public final class WorkloadQueries {

  private WorkloadQueries() {}

  /**
   * Every statement of {@code file} ({@code ;}-separated, {@code $n} parameters), bound to the
   * data.
   */
  public static List<WorkloadQuery> fromFile(Path file, LiveSchema schema, String defaultSchema) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--queries " + file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    List<WorkloadQuery> out = new ArrayList<>();
    for (SqlStatement s : SqlSplitter.split(file.toString(), text).statements()) {
      if (s.metaCommand() || s.text().isBlank()) {
        continue;
      }
      out.add(
          WorkloadQuery.parse(
              file.getFileName() + ":" + s.line(), s.text(), schema, defaultSchema, 1));
    }
    if (out.isEmpty()) {
      throw new RehearsalException(
          "--queries "
              + file
              + ": holds no query; write one SQL statement per query, ending with ;");
    }
    return out;
  }

  /**
   * For each table the changed phases lock that has a one-column primary key: {@code SELECT * …
   * WHERE pk = $1} and {@code UPDATE … SET pk = pk WHERE pk = $1} (a row lock and a new row
   * version, firing the table's triggers, without changing data), reads weighted 7:3.
   */
  public static List<WorkloadQuery> defaults(
      List<MigrationVersion> changed, CheckResult check, LiveSchema schema, String defaultSchema) {
    Set<String> paths =
        changed.stream()
            .flatMap(v -> v.phaseFiles().stream())
            .map(PhaseFile::repoPath)
            .collect(Collectors.toSet());
    Set<String> touched = new LinkedHashSet<>();
    for (FileResult f : check.files()) {
      if (paths.contains(f.path())) {
        for (StatementFacts facts : f.statements()) {
          facts.locks().stream().map(RelationLock::relation).forEach(touched::add);
        }
      }
    }
    List<LiveTable> tables = new ArrayList<>();
    for (String name : touched) {
      schema
          .table(name, defaultSchema)
          .filter(t -> t.primaryKey().size() == 1)
          .ifPresent(tables::add);
    }
    if (tables.isEmpty()) {
      // the change touches only tables it creates: the workload runs on the tables that exist
      schema.tables().stream().filter(t -> t.primaryKey().size() == 1).forEach(tables::add);
    }
    List<WorkloadQuery> out = new ArrayList<>();
    for (LiveTable t : tables) {
      String pk = SyntheticFill.quote(t.primaryKey().get(0));
      out.add(
          WorkloadQuery.parse(
              "default read of " + t.name(),
              "SELECT * FROM " + t.name() + " WHERE " + pk + " = $1",
              schema,
              defaultSchema,
              0.7));
      out.add(
          WorkloadQuery.parse(
              "default update of " + t.name(),
              "UPDATE " + t.name() + " SET " + pk + " = " + pk + " WHERE " + pk + " = $1",
              schema,
              defaultSchema,
              0.3));
    }
    return out;
  }
}
