package dev.schemagate.watcher.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
  public static ObjectId write(Repository repo, String ref, int commits, int versions, ObjectId parent) throws IOException {
    int perVersion = Math.max(1, commits / Math.max(1, versions));
    PersonIdent who = new PersonIdent("Bulk", "bulk@example.com", 1_700_000_000_000L, 0);
    TreeMap<String, ObjectId> versionTrees = new TreeMap<>();
    ObjectId tip = parent;
    // One pack instead of tens of thousands of loose objects.
    try (ObjectInserter ins = repo.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory od
        ? od.newPackInserter() : repo.newObjectInserter()) {
      ObjectId config = blob(ins, GitFixture.CONFIG);
      ObjectId trackTree = null;
      for (int i = 0; i < commits; i++) {
        if (i % perVersion == 0 && versionTrees.size() < versions) {
          int v = versionTrees.size() + 1;
          String sql = v == 1 ? GitFixture.CREATE
              : "SET lock_timeout = '2s';\nALTER TABLE accounts ADD COLUMN c" + v + " text;\n";
          TreeFormatter version = new TreeFormatter();
          version.append("expand.sql", FileMode.REGULAR_FILE, blob(ins, sql));
          versionTrees.put(String.format("%04d_v%d", v, v), ins.insert(version));
          TreeFormatter track = new TreeFormatter();
          versionTrees.forEach((name, id) -> track.append(name, FileMode.TREE, id));
          trackTree = ins.insert(track);
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
        c.setMessage("commit " + i);
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

  private static ObjectId blob(ObjectInserter ins, String text) throws IOException {
    return ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> names(TreeMap<String, ObjectId> m) {
    return new ArrayList<>(m.keySet());
  }
}
