package dev.schemagate.operations;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.Track;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code schemagate new}: generates one or more consecutive versions of a track from its replayed
 * catalog and writes them. An operation that needs several versions (a type change: the swap must
 * follow a committed validation) returns them in order.
 */
public final class NewVersion {

  private NewVersion() {}

  /** The track to write to: the named one, or the only one. */
  public static Track track(MigrationRepository repo, String name) {
    if (name != null) {
      return repo.track(name);
    }
    if (repo.tracks().size() != 1) {
      throw new OperationException(
          "the repository has tracks "
              + String.join(", ", repo.tracks().keySet())
              + "; choose one with --track");
    }
    return repo.tracks().values().iterator().next();
  }

  /** Generates and writes; returns the written files. Nothing is written when generation fails. */
  public static List<Path> write(
      MigrationRepository repo, Track track, MultiVersionOperation operation) {
    int next = track.maxVersion() + 1;
    var catalog = TrackCatalog.replay(track);
    List<GeneratedVersion> versions =
        operation.generateAll(new OperationContext(track.config(), catalog, next));
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      written.addAll(
          VersionWriter.write(
              repo.root().resolve(track.config().folder()), next + i, versions.get(i)));
    }
    return written;
  }
}
