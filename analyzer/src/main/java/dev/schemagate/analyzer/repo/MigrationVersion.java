package dev.schemagate.analyzer.repo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One numbered version of a track: the folder {@code <NNNN>_<name>} and its phase files.
 *
 * @param track the track's name
 * @param number the version number (1 or more, unique in the track)
 * @param name the name part of the folder
 * @param folder the version folder (absolute)
 * @param phases the phase files present (at least one)
 * @param rollback {@code rollback.sql}, which undoes the expand phase (the runner uses it)
 * @param verify {@code verify.sql}: read-only queries that must return no row for the contract to
 *     run
 */
public record MigrationVersion(
    String track,
    int number,
    String name,
    Path folder,
    Map<PhaseKind, PhaseFile> phases,
    Optional<SqlFile> rollback,
    Optional<SqlFile> verify) {

  /** A version without {@code verify.sql}. */
  public MigrationVersion(
      String track,
      int number,
      String name,
      Path folder,
      Map<PhaseKind, PhaseFile> phases,
      Optional<SqlFile> rollback) {
    this(track, number, name, folder, phases, rollback, Optional.empty());
  }

  public MigrationVersion {
    phases = phases.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(phases));
  }

  public Optional<PhaseFile> phase(PhaseKind kind) {
    return Optional.ofNullable(phases.get(kind));
  }

  /** The phase files present, in their order within the version: expand, backfill, contract. */
  public List<PhaseFile> phaseFiles() {
    List<PhaseFile> files = new ArrayList<>();
    for (PhaseKind kind : PhaseKind.values()) {
      phase(kind).ifPresent(files::add);
    }
    return files;
  }

  /** {@code orders@3}. */
  public String label() {
    return track + "@" + number;
  }
}
