package dev.schemagate.watcher.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Writes a long linear history straight into a repository's object database (no work tree): a
 * schemagate repository whose track gains a version every {@code commitsPerVersion} commits, the
 * commits in between editing a notes file. Thousands of commits take a second or two.
 */
public final class BulkHistory {

  private BulkHistory() {}

  /**
   * @return the tip, which {@code ref} now points to
   */
  public static ObjectId write(
      Repository repo, String ref, int commits, int versions, ObjectId parent) throws IOException {
    return write(repo, ref, commits, versions, parent, 0, "");
  }

  /**
   * Continues a history written by this class.
   *
   * @param existingVersions how many versions the parent already has (they are kept)
   * @param salt makes the commits distinct from others with the same content
   */
  public static ObjectId write(
      Repository repo,
      String ref,
      int commits,
      int versions,
      ObjectId parent,
      int existingVersions,
      String salt)
      throws IOException {
    int perVersion = Math.max(1, commits / Math.max(1, versions));
    PersonIdent who = new PersonIdent("Bulk", "bulk@example.com", 1_700_000_000_000L, 0);
    TreeMap<String, ObjectId> versionTrees = new TreeMap<>();
    int target = existingVersions + versions;
    ObjectId tip = parent;
    // One pack instead of tens of thousands of loose objects.
    try (ObjectInserter ins =
        repo.getObjectDatabase()
                instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory od
            ? od.newPackInserter()
            : repo.newObjectInserter()) {
      ObjectId config = blob(ins, GitFixture.CONFIG);
      ObjectId trackTree = null;
      for (int v = 1; v <= existingVersions; v++) {
        addVersion(ins, versionTrees, v);
      }
      if (existingVersions > 0) {
        trackTree = track(ins, versionTrees);
      }
      for (int i = 0; i < commits; i++) {
        if (i % perVersion == 0 && versionTrees.size() < target) {
          addVersion(ins, versionTrees, versionTrees.size() + 1);
          trackTree = track(ins, versionTrees);
        }
        TreeFormatter migrations = new TreeFormatter();
        migrations.append("app", FileMode.TREE, trackTree);
        TreeFormatter root = new TreeFormatter();
        root.append("migrations", FileMode.TREE, ins.insert(migrations));
        root.append("notes.txt", FileMode.REGULAR_FILE, blob(ins, "commit " + i + "\n"));
        root.append("schemagate.yaml", FileMode.REGULAR_FILE, config);
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(ins.insert(root));
        if (tip != null) {
          c.setParentIds(List.of(tip));
        }
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage("commit " + i + salt);
        tip = ins.insert(c);
      }
      ins.flush();
    }
    RefUpdate u = repo.updateRef(ref);
    u.setNewObjectId(tip);
    u.setForceUpdate(true);
    u.update();
    return tip;
  }

  private static void addVersion(ObjectInserter ins, TreeMap<String, ObjectId> versionTrees, int v)
      throws IOException {
    String sql =
        v == 1
            ? GitFixture.CREATE
            : "SET lock_timeout = '2s';\nALTER TABLE accounts ADD COLUMN c" + v + " text;\n";
    TreeFormatter version = new TreeFormatter();
    version.append("expand.sql", FileMode.REGULAR_FILE, blob(ins, sql));
    // Folder names sort like their numbers (zero-padded), as Git tree order requires.
    versionTrees.put(String.format("%05d_v%d", v, v), ins.insert(version));
  }

  private static ObjectId track(ObjectInserter ins, TreeMap<String, ObjectId> versionTrees)
      throws IOException {
    TreeFormatter track = new TreeFormatter();
    versionTrees.forEach((name, id) -> track.append(name, FileMode.TREE, id));
    return ins.insert(track);
  }

  private static ObjectId blob(ObjectInserter ins, String text) throws IOException {
    return ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
  }
}
