package dev.schemagate.watcher.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * A bare local mirror of the followed refs of a remote repository. Each fetch names its refspecs
 * explicitly (the remote URL is never written to the mirror's config), force-updates refs and
 * prunes the ones the remote no longer has, so the mirror's refs are the remote's as of the last
 * successful fetch. A failed fetch leaves them as they were.
 */
public final class RemoteMirror implements AutoCloseable {

  /** Where the remote's HEAD is kept: its {@code schemagate.yaml} names the protected branch. */
  public static final String REMOTE_HEAD = "refs/schemagate/remote-head";

  private final Repository repo;
  private final RemoteUrl remote;
  private final Duration timeout;

  private RemoteMirror(Repository repo, RemoteUrl remote, Duration timeout) {
    this.repo = repo;
    this.remote = remote;
    this.timeout = timeout;
  }

  /** Opens the mirror in {@code dir}, creating an empty bare repository there on first use. */
  public static RemoteMirror open(Path dir, RemoteUrl remote, Duration timeout) {
    try {
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (!Files.isDirectory(dir.resolve("objects"))) {
        repo.create(true);
      }
      return new RemoteMirror(repo, remote, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the mirror " + dir + ": " + e.getMessage(), e);
    }
  }

  public Repository repository() {
    return repo;
  }

  public RemoteUrl remote() {
    return remote;
  }

  /**
   * The refspecs of one fetch: the remote HEAD, the protected branch (when known) and the patterns.
   */
  public static List<RefSpec> refSpecs(String protectedBranch, List<String> patterns) {
    List<RefSpec> specs = new ArrayList<>();
    specs.add(new RefSpec("+HEAD:" + REMOTE_HEAD));
    if (protectedBranch != null) {
      String ref = "refs/heads/" + protectedBranch;
      specs.add(new RefSpec("+" + ref + ":" + ref));
    }
    for (String p : patterns) {
      specs.add(new RefSpec("+" + p + ":" + p));
    }
    return specs;
  }

  /**
   * Fetches; throws when the remote cannot be reached, refuses the credentials or the transfer
   * breaks.
   */
  public FetchResult fetch(List<RefSpec> specs) throws GitAPIException {
    try (Git git = new Git(repo)) {
      return git.fetch()
          .setRemote(remote.url())
          .setRefSpecs(specs)
          .setCredentialsProvider(remote.credentials())
          .setRemoveDeletedRefs(true)
          .setTagOpt(TagOpt.NO_TAGS)
          .setTimeout((int) Math.max(1, timeout.toSeconds()))
          .call();
    }
  }

  private static final Pattern MISSING =
      Pattern.compile("Remote does not have (\\S+) available for fetch\\.?");

  /**
   * Why a fetch failed, in words: JGit's message chain, except for a remote without the ref a fetch
   * needs, which JGit words as a missing refspec source.
   */
  public static String describeFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      java.util.regex.Matcher m = MISSING.matcher(String.valueOf(c.getMessage()));
      if (m.find()) {
        return m.group(1).equals("HEAD")
            ? "the repository is empty (its HEAD points to no commit); push the protected branch to it, the watcher keeps polling"
            : "the repository has no "
                + m.group(1)
                + "; push it, or name the protected branch with --branch";
      }
    }
    return dev.schemagate.watcher.WatchLog.describe(e);
  }

  /** The commit a ref points to in the mirror, or null. */
  public ObjectId resolve(String ref) throws IOException {
    Ref r = repo.exactRef(ref);
    return r == null ? null : r.getObjectId();
  }

  /**
   * The mirror's refs matching any of the glob patterns ({@code *} matches one or more path
   * characters).
   */
  public Map<String, ObjectId> refsMatching(List<String> patterns) throws IOException {
    Map<String, ObjectId> out = new LinkedHashMap<>();
    for (String pattern : patterns) {
      int star = pattern.indexOf('*');
      String prefix = star < 0 ? pattern : pattern.substring(0, star);
      Pattern regex = glob(pattern);
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
        if (regex.matcher(r.getName()).matches() && r.getObjectId() != null) {
          out.put(r.getName(), r.getObjectId());
        }
      }
    }
    return out;
  }

  static Pattern glob(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (sb.length() > 0) {
        sb.append(".+");
      }
      sb.append(Pattern.quote(part));
    }
    return Pattern.compile(sb.toString());
  }

  @Override
  public void close() {
    repo.close();
  }
}
