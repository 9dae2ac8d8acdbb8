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

  /** The text of one file of the commit, or null when the commit has no such file (or it is too large). */
  static String readFile(Repository repo, RevCommit commit, String path, long maxBytes) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
        return null;
      }
      ObjectId id = tw.getObjectId(0);
      try (ObjectReader reader = repo.newObjectReader()) {
        if (reader.getObjectSize(id, Constants.OBJ_BLOB) > maxBytes) {
          return null;
        }
        return new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * Writes every regular file under {@code paths} (relative to the Git root) into {@code target},
   * keeping their relative paths.
   */
  static List<Oversized> write(Repository repo, ObjectId commitId, List<String> paths, Path target, long maxBytes)
      throws IOException {
    List<Oversized> oversized = new ArrayList<>();
    if (paths.isEmpty()) {
      return oversized;
    }
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
      RevCommit commit = walk.parseCommit(commitId);
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      tw.setFilter(PathFilterGroup.createFromStrings(paths));
      while (tw.next()) {
        FileMode mode = tw.getFileMode(0);
        if (mode.getObjectType() != Constants.OBJ_BLOB || mode == FileMode.SYMLINK) {
          continue; // symbolic links and submodules are not migration files
        }
        String path = tw.getPathString();
        ObjectId blob = tw.getObjectId(0);
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size > maxBytes) {
          oversized.add(new Oversized(path, size));
          continue;
        }
        Path file = target.resolve(path).normalize();
        if (!file.startsWith(target)) {
          continue;
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
        }
      }
    }
    return oversized;
  }
}
