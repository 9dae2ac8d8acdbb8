package dev.schemagate.analyzer.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A schemagate migration repository: {@code schemagate.yaml} and each track's versions, loaded and
 * validated. The layout is defined in {@code docs/migration-format.md}.
 *
 * @param root the repository root (absolute)
 * @param tracks track name → track, in the order of {@code schemagate.yaml}
 */
public record MigrationRepository(Path root, SchemagateConfig config, Map<String, Track> tracks) {

  private static final String README = "README.md";
  private static final String ROLLBACK = "rollback.sql";
  private static final String VERIFY = "verify.sql";

  public MigrationRepository {
    tracks = Collections.unmodifiableMap(new LinkedHashMap<>(tracks));
  }

  /**
   * Reads {@code <root>/schemagate.yaml} and every track folder.
   *
   * @throws RepositoryException on the first problem found, naming the file or folder
   */
  public static MigrationRepository load(Path root) {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absoluteRoot)) {
      throw new RepositoryException(root.toString(), "is not a directory");
    }
    SchemagateConfig config = SchemagateConfig.load(absoluteRoot);
    Map<String, Track> tracks = new LinkedHashMap<>();
    for (TrackConfig track : config.tracks().values()) {
      tracks.put(track.name(), new Track(track, new Loader(absoluteRoot, track).versions()));
    }
    return new MigrationRepository(absoluteRoot, config, tracks);
  }

  public Track track(String name) {
    Track track = tracks.get(name);
    if (track == null) {
      throw new IllegalArgumentException(
          "unknown track \"" + name + "\"; tracks: " + tracks.keySet());
    }
    return track;
  }

  /** Every phase file of every track: tracks in configuration order, each in its apply order. */
  public List<PhaseFile> phaseFiles() {
    List<PhaseFile> all = new ArrayList<>();
    for (Track track : tracks.values()) {
      all.addAll(track.applyOrder());
    }
    return all;
  }

  /** The phase file at {@code path} (absolute, or relative to the root), if it is one. */
  public Optional<PhaseFile> phaseFile(Path path) {
    Path absolute = root.resolve(path).toAbsolutePath().normalize();
    return phaseFiles().stream().filter(f -> f.path().equals(absolute)).findFirst();
  }

  /** Path relative to the root with '/' separators: how findings and errors name files. */
  static String repoPath(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private record Loader(Path root, TrackConfig track) {

    List<MigrationVersion> versions() {
      Path folder = root.resolve(track.folder());
      TreeMap<Integer, MigrationVersion> byNumber = new TreeMap<>();
      for (Path entry : list(folder)) {
        String fileName = entry.getFileName().toString();
        if (fileName.startsWith(".")) {
          continue; // .gitkeep, editor and OS droppings
        }
        if (!Files.isDirectory(entry)) {
          if (fileName.endsWith(".md")) {
            continue;
          }
          throw new RepositoryException(
              display(entry),
              "unexpected file in the folder of track \""
                  + track.name()
                  + "\" (versions are folders: "
                  + VersionFolder.RULE
                  + ")");
        }
        VersionFolder.Parsed parsed =
            VersionFolder.parse(fileName)
                .orElseThrow(() -> new RepositoryException(display(entry), VersionFolder.RULE));
        if (parsed.number() == 0) {
          throw new RepositoryException(display(entry), "version numbers start at 1");
        }
        MigrationVersion previous = byNumber.get(parsed.number());
        if (previous != null) {
          throw new RepositoryException(
              display(entry),
              "version "
                  + parsed.number()
                  + " is also used by "
                  + previous.folder().getFileName()
                  + "; version numbers must be unique in a track");
        }
        byNumber.put(parsed.number(), version(entry, parsed));
      }
      return new ArrayList<>(byNumber.values());
    }

    private MigrationVersion version(Path folder, VersionFolder.Parsed parsed) {
      Map<PhaseKind, PhaseFile> phases = new EnumMap<>(PhaseKind.class);
      SqlFile rollback = null;
      SqlFile verify = null;
      TreeSet<String> unknown = new TreeSet<>();
      boolean empty = true;
      for (Path entry : list(folder)) {
        String fileName = entry.getFileName().toString();
        if (fileName.startsWith(".")) {
          continue;
        }
        empty = false;
        Optional<PhaseKind> phase = phaseOf(fileName);
        if (Files.isRegularFile(entry) && phase.isPresent()) {
          SourceText.Content content = SourceText.read(entry, display(entry));
          phases.put(
              phase.get(),
              new PhaseFile(
                  track.name(),
                  parsed.number(),
                  parsed.name(),
                  phase.get(),
                  entry,
                  display(entry),
                  content.text(),
                  content.sha256()));
        } else if (Files.isRegularFile(entry) && fileName.equals(ROLLBACK)) {
          rollback = SqlFile.read(entry, display(entry));
        } else if (Files.isRegularFile(entry) && fileName.equals(VERIFY)) {
          verify = SqlFile.read(entry, display(entry));
        } else if (!(Files.isRegularFile(entry) && fileName.equals(README))) {
          unknown.add(Files.isDirectory(entry) ? fileName + "/" : fileName);
        }
      }
      if (empty) {
        throw new RepositoryException(
            display(folder), "empty version folder; add expand.sql, backfill.sql or contract.sql");
      }
      if (!unknown.isEmpty()) {
        throw new RepositoryException(
            display(folder),
            "unknown "
                + (unknown.size() == 1 ? "file " : "files ")
                + String.join(", ", unknown)
                + " (a version folder holds expand.sql, backfill.sql, contract.sql, rollback.sql,"
                + " verify.sql and README.md)");
      }
      if (phases.isEmpty()) {
        throw new RepositoryException(
            display(folder), "no phase file; add expand.sql, backfill.sql or contract.sql");
      }
      if (rollback != null && !phases.containsKey(PhaseKind.EXPAND)) {
        throw new RepositoryException(
            rollback.displayPath(),
            "rollback.sql undoes expand.sql, but this version has no expand.sql");
      }
      if (verify != null) {
        if (!phases.containsKey(PhaseKind.CONTRACT)) {
          throw new RepositoryException(
              verify.displayPath(),
              "verify.sql runs right before contract.sql, but this version has no contract.sql");
        }
        VerifyQueries.check(verify);
      }
      return new MigrationVersion(
          track.name(),
          parsed.number(),
          parsed.name(),
          folder,
          phases,
          Optional.ofNullable(rollback),
          Optional.ofNullable(verify));
    }

    private static Optional<PhaseKind> phaseOf(String fileName) {
      for (PhaseKind kind : PhaseKind.values()) {
        if (fileName.equals(kind.id() + ".sql")) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }

    private List<Path> list(Path folder) {
      try (Stream<Path> entries = Files.list(folder)) {
        return entries.sorted().toList();
      } catch (IOException e) {
        throw new RepositoryException(
            display(folder), null, "cannot be listed (" + e.getMessage() + ")", e);
      }
    }

    private String display(Path path) {
      return repoPath(root, path);
    }
  }
}
