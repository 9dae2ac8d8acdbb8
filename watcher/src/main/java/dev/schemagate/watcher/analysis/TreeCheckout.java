package dev.schemagate.watcher.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Writes selected paths of a commit's tree to a folder, so the analyzer (which reads files) can
 * load the repository as it is in that commit. Blobs are streamed to disk, never held whole in
 * memory; a blob above the size limit is not written and is returned as oversized instead.
 */
final class TreeCheckout {

  /** A file of the commit that was not written because of its size. */
  record Oversized(String path, long bytes) {}

  private TreeCheckout() {}

  /**
   * The text of one file of the commit, or null when the commit has no such file (or it is too
   * large).
   */
  static String readFile(Repository repo, RevCommit commit, String path, long maxBytes)
      throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
        return null;
      }
      ObjectId id = tw.getObjectId(0);
      try (ObjectReader reader = repo.newObjectReader()) {
        if (reader.getObjectSize(id, Constants.OBJ_BLOB) > maxBytes) {
          return null;
        }
        return new String(
            reader.open(id, Constants.OBJ_BLOB).getBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * Makes {@code target} hold exactly the regular files under {@code paths} of the commit, writing
   * only those whose blob differs from what {@code onDisk} (path → blob id, kept by the caller
   * between calls) says is there, and deleting the others: consecutive commits of one repository
   * differ in a few files, so a check does not rewrite hundreds of unchanged ones.
   */
  static List<Oversized> sync(
      Repository repo,
      ObjectId commitId,
      List<String> paths,
      Path target,
      long maxBytes,
      java.util.Map<String, ObjectId> onDisk)
      throws IOException {
    List<Oversized> oversized = new ArrayList<>();
    java.util.Map<String, ObjectId> wanted = new java.util.HashMap<>();
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tw = new TreeWalk(reader)) {
      if (!paths.isEmpty()) {
        RevCommit commit = walk.parseCommit(commitId);
        tw.addTree(commit.getTree());
        tw.setRecursive(true);
        tw.setFilter(PathFilterGroup.createFromStrings(paths));
        while (tw.next()) {
          FileMode mode = tw.getFileMode(0);
          if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
            continue; // symbolic links and submodules are not migration files
          }
          ObjectId blob = tw.getObjectId(0);
          long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
          if (size > maxBytes) {
            oversized.add(new Oversized(tw.getPathString(), size));
          } else {
            wanted.put(tw.getPathString(), blob);
          }
        }
      }
      for (String path : new ArrayList<>(onDisk.keySet())) {
        if (!wanted.containsKey(path)) {
          Path file = target.resolve(path);
          Files.deleteIfExists(file);
          onDisk.remove(path);
          // An emptied folder would read as an empty version folder.
          for (Path dir = file.getParent();
              dir != null && !dir.equals(target) && dir.startsWith(target);
              dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
              if (entries.findAny().isPresent()) {
                break;
              }
            }
            Files.delete(dir);
          }
        }
      }
      for (var e : wanted.entrySet()) {
        if (e.getValue().equals(onDisk.get(e.getKey()))) {
          continue;
        }
        Path file = target.resolve(e.getKey()).normalize();
        if (!file.startsWith(target)) {
          continue;
        }
        Files.createDirectories(file.getParent());
        onDisk.remove(e.getKey());
        try (OutputStream out = Files.newOutputStream(file)) {
          reader.open(e.getValue(), Constants.OBJ_BLOB).copyTo(out);
        }
        onDisk.put(e.getKey(), e.getValue());
      }
    }
    return oversized;
  }
}
