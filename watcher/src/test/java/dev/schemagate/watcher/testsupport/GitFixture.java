package dev.schemagate.watcher.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real bare "remote" repository and a clone to commit in, both made with JGit. Pull requests are
 * what forges make them: refs {@code refs/pull/N/head} on the remote pointing at a commit.
 */
public final class GitFixture implements AutoCloseable {

  public static final String CONFIG =
      "tracks:\n  app:\n    folder: migrations/app\n    pg_version: 16\n";
  public static final String CREATE =
      "CREATE TABLE accounts (\n  id integer PRIMARY KEY,\n  email text NOT NULL\n);\n";
  public static final String UNSAFE_INDEX =
      "CREATE INDEX accounts_email_idx ON accounts (email);\n";
  public static final String SAFE_INDEX =
      "-- schemagate:phase transactional=false\nSET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);\n";

  public final Path remoteDir;
  public final Path workDir;
  public final Git remote;
  public final Git work;

  private GitFixture(Path remoteDir, Path workDir, Git remote, Git work) {
    this.remoteDir = remoteDir;
    this.workDir = workDir;
    this.remote = remote;
    this.work = work;
  }

  /** A bare remote whose main branch holds a schemagate repository with one safe version. */
  public static GitFixture create(Path dir) throws Exception {
    Path remoteDir = dir.resolve("remote.git");
    Path workDir = dir.resolve("work");
    Git remote =
        Git.init().setBare(true).setDirectory(remoteDir.toFile()).setInitialBranch("main").call();
    Git work = Git.init().setDirectory(workDir.toFile()).setInitialBranch("main").call();
    work.remoteAdd()
        .setName("origin")
        .setUri(new org.eclipse.jgit.transport.URIish(remoteDir.toUri().toString()))
        .call();
    GitFixture f = new GitFixture(remoteDir, workDir, remote, work);
    f.write("schemagate.yaml", CONFIG);
    f.write("migrations/app/0001_create_accounts/expand.sql", CREATE);
    f.commit("app@1: accounts");
    f.push("main", "refs/heads/main");
    return f;
  }

  public void write(String path, String text) throws IOException {
    Path file = workDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public void writeBytes(String path, byte[] bytes) throws IOException {
    Path file = workDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  public RevCommit commit(String message) throws Exception {
    work.add().addFilepattern(".").call();
    work.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return work.commit()
        .setMessage(message)
        .setAuthor(who)
        .setCommitter(who)
        .setAllowEmpty(true)
        .call();
  }

  public RevCommit amend(String message) throws Exception {
    work.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return work.commit().setAmend(true).setMessage(message).setAuthor(who).setCommitter(who).call();
  }

  /** Pushes local {@code source} (a branch or commit) to the remote ref, forced. */
  public void push(String source, String remoteRef) throws Exception {
    work.push()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("+" + source + ":" + remoteRef))
        .setForce(true)
        .call();
  }

  public void branch(String name, String startPoint) throws Exception {
    work.branchCreate().setName(name).setStartPoint(startPoint).setForce(true).call();
  }

  public void checkout(String name) throws Exception {
    work.checkout().setName(name).call();
  }

  public void deleteRemoteRef(String ref) throws IOException {
    Repository r = remote.getRepository();
    RefUpdate u = r.updateRef(ref);
    u.setForceUpdate(true);
    RefUpdate.Result result = u.delete();
    if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
      throw new IOException("cannot delete " + ref + ": " + result);
    }
  }

  public ObjectId remoteRef(String ref) throws IOException {
    return remote.getRepository().resolve(ref);
  }

  public String url() {
    return remoteDir.toUri().toString();
  }

  @Override
  public void close() {
    remote.close();
    work.close();
  }
}
