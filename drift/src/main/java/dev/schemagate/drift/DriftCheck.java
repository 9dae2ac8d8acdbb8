package dev.schemagate.drift;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.drift.catalog.Catalog;
import dev.schemagate.drift.catalog.CatalogReader;
import dev.schemagate.drift.catalog.DbObject;
import dev.schemagate.drift.replay.AppliedPhases;
import dev.schemagate.drift.replay.DriftInputException;
import dev.schemagate.drift.replay.Replay;
import dev.schemagate.drift.replay.ReplayStep;
import dev.schemagate.runner.db.Database;
import dev.schemagate.runner.history.HistoryRow;
import dev.schemagate.runner.history.HistoryStore;
import dev.schemagate.trace.PgBinaries;
import dev.schemagate.trace.PgServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a database with Git: replays the phases its history says are applied on an embedded
 * PostgreSQL of the same major version, reads both catalogs with the same {@link CatalogReader},
 * and diffs them (docs/drift.md). Reads the target only.
 */
public final class DriftCheck {

  private final Optional<PgServer> shared;

  /** Starts a server of the target's major version for each check and stops it afterwards. */
  public DriftCheck() {
    this(Optional.empty());
  }

  /**
   * @param shared a running server to replay on when its major version is the target's (tests)
   */
  public DriftCheck(Optional<PgServer> shared) {
    this.shared = shared;
  }

  public DriftReport run(Database target, MigrationRepository repo) throws SQLException {
    List<HistoryRow> rows = new HistoryStore(target).rows(null);
    List<ReplayStep> steps = AppliedPhases.of(repo, rows);
    int major;
    List<String> roles = new ArrayList<>();
    String searchPath;
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      major = c.getMetaData().getDatabaseMajorVersion();
      try (ResultSet rs =
          s.executeQuery("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1")) {
        while (rs.next()) {
          roles.add(rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SHOW search_path")) {
        rs.next();
        searchPath = rs.getString(1);
      }
    }
    List<String> trackSchemas =
        repo.tracks().values().stream().map(t -> t.config().defaultSchema()).distinct().toList();
    Replay.Result expected;
    if (shared.isPresent() && shared.get().major() == major) {
      expected = Replay.run(shared.get(), steps, roles, searchPath, trackSchemas);
    } else {
      if (!PgBinaries.available().contains(major)) {
        throw new DriftInputException(
            target.describe()
                + " runs PostgreSQL "
                + major
                + ", but this schemagate replays on "
                + PgBinaries.available()
                + " only; drift needs the same major version on both sides");
      }
      try (PgServer server = PgServer.start(major)) {
        expected = Replay.run(server, steps, roles, searchPath, trackSchemas);
      }
    }
    Catalog actual;
    try (Connection c = target.open()) {
      actual = CatalogReader.read(c, expected.schemas());
    }
    List<Drift> drifts =
        CatalogDiff.of(expected.catalog(), actual, o -> trackOf(o, expected, repo));
    return new DriftReport(
        target.describe(),
        major,
        steps.stream().map(ReplayStep::label).toList(),
        List.copyOf(repo.tracks().keySet()),
        expected.schemas(),
        expected.catalog().objects().size(),
        drifts);
  }

  /**
   * The track to report an object under: the one whose phase created it (or created its table); for
   * an object no phase created, the first track whose default schema holds it.
   */
  private static String trackOf(DbObject o, Replay.Result expected, MigrationRepository repo) {
    String own = expected.createdBy().get(o.key());
    if (own != null) {
      return own;
    }
    if (o.relation() != null) {
      for (String kind : List.of("table ", "partition ", "view ", "sequence ")) {
        String t = expected.createdBy().get(kind + o.relation());
        if (t != null) {
          return t;
        }
      }
    }
    Set<String> names = new LinkedHashSet<>(repo.tracks().keySet());
    for (Map.Entry<String, Track> t : repo.tracks().entrySet()) {
      if (t.getValue().config().defaultSchema().equals(o.schema())) {
        return t.getKey();
      }
    }
    return names.iterator().next();
  }
}
