package dev.schemagate.rehearsal;

import dev.schemagate.analyzer.repo.BaseComparison;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.MigrationVersion;
import dev.schemagate.analyzer.repo.RepositoryException;
import dev.schemagate.analyzer.repo.Track;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The versions a rehearsal applies under the workload, per track: those added or modified since the
 * merge base of HEAD and the base ref (the working tree counts as it is, like {@code check
 * --base}); everything before the first of them is the replayed base.
 *
 * @param changed track → its changed versions, in order (tracks without any are left out)
 * @param description how the change was found, for the report
 */
public record ChangeSet(Map<String, List<MigrationVersion>> changed, String description) {

  public static ChangeSet of(
      MigrationRepository repo, Optional<String> base, Consumer<String> log) {
    String ref = base.orElse(repo.config().protectedBranch());
    BaseComparison cmp;
    try {
      cmp = BaseComparison.of(repo.root(), ref);
    } catch (RepositoryException e) {
      if (base.isPresent()) {
        throw e;
      }
      // Not in Git (or no such branch): the newest version of each track is the change.
      log.accept(
          "no merge base with "
              + ref
              + " ("
              + e.getMessage()
              + "); rehearsing the newest version of each track");
      Map<String, List<MigrationVersion>> out = new LinkedHashMap<>();
      for (Track t : repo.tracks().values()) {
        if (!t.versions().isEmpty()) {
          out.put(t.name(), List.of(t.versions().get(t.versions().size() - 1)));
        }
      }
      return new ChangeSet(
          out, "the newest version of each track (no merge base with " + ref + ")");
    }
    Map<String, List<MigrationVersion>> out = new LinkedHashMap<>();
    for (Track t : repo.tracks().values()) {
      var onBase = cmp.versionsOnBase(t.config());
      List<MigrationVersion> changed = new ArrayList<>();
      for (MigrationVersion v : t.versions()) {
        boolean modified =
            v.phaseFiles().stream().anyMatch(f -> cmp.changedFiles().contains(f.repoPath()));
        if (!changed.isEmpty() || modified || !onBase.contains(v.number())) {
          changed.add(v); // every version after the first changed one runs under the workload too
        }
      }
      if (!changed.isEmpty()) {
        out.put(t.name(), changed);
      }
    }
    return new ChangeSet(
        out, "changed since the merge base " + cmp.mergeBaseId().substring(0, 12) + " with " + ref);
  }

  /** The last version of the replayed base of {@code track} (0: nothing to replay). */
  public int lastBaseVersion(String track) {
    return changed.get(track).get(0).number() - 1;
  }
}
