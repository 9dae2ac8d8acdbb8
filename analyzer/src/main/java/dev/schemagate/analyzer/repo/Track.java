package dev.schemagate.analyzer.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A track's configuration and its versions, in increasing version order.
 *
 * <p>Ordering: within a version, expand &lt; backfill &lt; contract. Across versions the
 * <em>forward</em> phases (expand, backfill) run strictly in version order, and so do the
 * contracts; a contract of version N needs every forward phase of versions ≤ N and every contract
 * of versions &lt; N, so it may be deferred past later versions' expands. {@link #applyOrder()} is
 * the default order (version, then phase); {@link #prerequisites(PhaseFile)} is the partial order a
 * runner that defers contracts must respect.
 */
public record Track(TrackConfig config, List<MigrationVersion> versions) {

  public Track {
    versions = List.copyOf(versions);
  }

  public String name() {
    return config.name();
  }

  public Optional<MigrationVersion> version(int number) {
    return versions.stream().filter(v -> v.number() == number).findFirst();
  }

  /** The highest version number, or 0 when the track has no versions yet. */
  public int maxVersion() {
    return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).number();
  }

  /**
   * Every phase file, by version then phase: the order {@code schemagate check} replays them in.
   */
  public List<PhaseFile> applyOrder() {
    List<PhaseFile> files = new ArrayList<>();
    for (MigrationVersion version : versions) {
      files.addAll(version.phaseFiles());
    }
    return files;
  }

  /** The phase files that must have been applied before {@code file}, in {@link #applyOrder()}. */
  public List<PhaseFile> prerequisites(PhaseFile file) {
    requireOwn(file);
    List<PhaseFile> before = new ArrayList<>();
    for (PhaseFile other : applyOrder()) {
      if (!other.equals(file) && mustPrecede(other, file)) {
        before.add(other);
      }
    }
    return before;
  }

  /** The prerequisites of {@code next} that are not in {@code applied}. */
  public List<PhaseFile> missingPrerequisites(PhaseFile next, Collection<PhaseFile> applied) {
    Set<PhaseFile> done = new HashSet<>(applied);
    List<PhaseFile> missing = new ArrayList<>();
    for (PhaseFile p : prerequisites(next)) {
      if (!done.contains(p)) {
        missing.add(p);
      }
    }
    return missing;
  }

  /**
   * Checks that {@code order} (a complete or partial history, earliest first) respects the partial
   * order.
   *
   * @return the first violation as a sentence, or empty when the order is valid
   */
  public Optional<String> orderViolation(List<PhaseFile> order) {
    Set<PhaseFile> seen = new HashSet<>();
    for (PhaseFile file : order) {
      requireOwn(file);
      if (!seen.add(file)) {
        return Optional.of(file.label() + " appears twice");
      }
      for (PhaseFile needed : prerequisites(file)) {
        if (!seen.contains(needed)) {
          return Optional.of(file.label() + " needs " + needed.label() + " applied first");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean mustPrecede(PhaseFile a, PhaseFile b) {
    boolean aForward = a.phase() != PhaseKind.CONTRACT;
    boolean bForward = b.phase() != PhaseKind.CONTRACT;
    if (a.version() == b.version()) {
      return a.phase().ordinal() < b.phase().ordinal();
    }
    if (a.version() > b.version()) {
      return false;
    }
    // a is of an earlier version: forward phases chain; contracts chain; a contract waits for
    // the forward phases of its own and earlier versions; a forward phase never waits for a
    // contract.
    return aForward || !bForward;
  }

  private void requireOwn(PhaseFile file) {
    Optional<MigrationVersion> v = version(file.version());
    if (!file.track().equals(name())
        || v.isEmpty()
        || !file.equals(v.get().phases().get(file.phase()))) {
      throw new IllegalArgumentException(file.label() + " is not a phase file of track " + name());
    }
  }
}
