package dev.schemagate.analyzer.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * What changed in a migration repository since the merge base of HEAD and a base ref ({@code
 * schemagate check --base origin/main}). The working tree counts as it is, uncommitted and
 * untracked files included: developers run the check before committing.
 *
 * <p>Contents are compared as Git blob ids of the bytes on disk; clean/smudge filters (e.g. {@code
 * core.autocrlf}) are not applied.
 *
 * <p>All paths this class returns are relative to the schemagate repository root with {@code /}
 * separators, like {@link PhaseFile#repoPath()}; the root may be a sub-folder of the Git work tree.
 */
public final class BaseComparison {

  private final String baseRef;
  private final ObjectId mergeBase;
  private final Path root;

  /** repository-root-relative path → blob id on the merge base, for files under the root. */
  private final Map<String, ObjectId> baseFiles;

  /**
   * repository-root-relative paths whose content differs from the merge base (added, modified,
   * removed).
   */
  private final Set<String> changed;

  private BaseComparison(
      String baseRef,
      ObjectId mergeBase,
      Path root,
      Map<String, ObjectId> baseFiles,
      Set<String> changed) {
    this.baseRef = baseRef;
    this.mergeBase = mergeBase;
    this.root = root;
    this.baseFiles = baseFiles;
    this.changed = changed;
  }

  /**
   * Compares the working tree under {@code repoRoot} with the merge base of HEAD and {@code
   * baseRef}.
   *
   * @param repoRoot the schemagate repository root, anywhere inside a Git work tree
   * @param baseRef a branch, tag, remote-tracking branch or commit ({@code main}, {@code
   *     origin/main})
   * @throws RepositoryException when the folder is not in a Git repository, the ref is unknown, or
   *     HEAD and the ref share no history
   */
  public static BaseComparison of(Path repoRoot, String baseRef) {
    Path root = repoRoot.toAbsolutePath().normalize();
    String shown = repoRoot.toString();
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
    if (builder.getGitDir() == null) {
      throw new RepositoryException(shown, "is not inside a git repository; --base needs one");
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      if (repo.isBare()) {
        throw new RepositoryException(
            shown, "is in a bare git repository; --base needs a work tree");
      }
      Path workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      try {
        workTree = workTree.toRealPath();
        root = root.toRealPath();
      } catch (IOException e) {
        throw new RepositoryException(
            shown, null, "cannot be resolved (" + e.getMessage() + ")", e);
      }
      String prefix =
          workTree.equals(root) ? "" : MigrationRepository.repoPath(workTree, root) + "/";
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit base = commit(repo, walk, baseRef, shown);
        ObjectId headId = repo.resolve(Constants.HEAD + "^{commit}");
        if (headId == null) {
          throw new RepositoryException(
              shown, "HEAD has no commit yet; commit once before using --base");
        }
        RevCommit head = walk.parseCommit(headId);
        RevCommit mergeBase = mergeBase(repo, head, base, baseRef, shown);
        Map<String, ObjectId> baseFiles = filesUnder(repo, mergeBase, prefix);
        Set<String> candidates = new TreeSet<>();
        candidates.addAll(committedChanges(repo, mergeBase, head, prefix));
        candidates.addAll(uncommittedChanges(repo, prefix));
        Set<String> changed = new TreeSet<>();
        for (String path : candidates) {
          if (!Objects.equals(baseFiles.get(path), blobIdOnDisk(root, path))) {
            changed.add(path);
          }
        }
        return new BaseComparison(
            baseRef,
            mergeBase.copy(),
            root,
            Collections.unmodifiableMap(baseFiles),
            Collections.unmodifiableSet(changed));
      }
    } catch (IOException e) {
      throw new RepositoryException(shown, null, "git error: " + e.getMessage(), e);
    }
  }

  /**
   * Compares two commits, without a work tree: what {@code head} changes since its merge base with
   * {@code base}. For a service that checks pushed commits from a (bare) mirror; the caller checks
   * out {@code head}'s files under {@code prefix} into {@code root} and loads the repository there.
   *
   * @param repo a repository holding both commits and their history (a bare mirror will do)
   * @param head the commit to report on
   * @param base the tip of the base branch
   * @param baseRef how messages name the base ({@code main})
   * @param prefix the schemagate repository root inside the Git tree: {@code ""} or {@code
   *     "sub/dir"}
   * @param root the folder holding {@code head}'s files under {@code prefix}
   * @throws RepositoryException when a commit is missing or the two share no history
   */
  public static BaseComparison ofCommits(
      Repository repo, ObjectId head, ObjectId base, String baseRef, String prefix, Path root) {
    return ofCommits(repo, head, base, baseRef, prefix, root, true);
  }

  /**
   * Like {@link #ofCommits(Repository, ObjectId, ObjectId, String, String, Path)}, but compares
   * with {@code base} itself instead of the merge base: for a branch's earlier tip, so that a force
   * push that rewrites files the earlier tip had is reported as changing them.
   */
  public static BaseComparison againstCommit(
      Repository repo, ObjectId head, ObjectId base, String baseRef, String prefix, Path root) {
    return ofCommits(repo, head, base, baseRef, prefix, root, false);
  }

  private static BaseComparison ofCommits(
      Repository repo,
      ObjectId head,
      ObjectId base,
      String baseRef,
      String prefix,
      Path root,
      boolean useMergeBase) {
    String shown = "commit " + head.name();
    String slashed = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    Path realRoot;
    try {
      realRoot = root.toAbsolutePath().normalize().toRealPath();
    } catch (IOException e) {
      throw new RepositoryException(
          root.toString(), null, "cannot be resolved (" + e.getMessage() + ")", e);
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit headCommit = walk.parseCommit(head);
      RevCommit baseCommit = walk.parseCommit(base);
      RevCommit mergeBase =
          useMergeBase ? mergeBase(repo, headCommit, baseCommit, baseRef, shown) : baseCommit;
      Map<String, ObjectId> baseFiles = filesUnder(repo, mergeBase, slashed);
      // Two trees: the diff is exact, no content comparison with a work tree is needed.
      Set<String> changed = committedChanges(repo, mergeBase, headCommit, slashed);
      return new BaseComparison(
          baseRef,
          mergeBase.copy(),
          realRoot,
          Collections.unmodifiableMap(baseFiles),
          Collections.unmodifiableSet(changed));
    } catch (MissingObjectException e) {
      throw new RepositoryException(
          shown, null, "object " + e.getObjectId().name() + " is missing from the repository", e);
    } catch (IOException e) {
      throw new RepositoryException(shown, null, "git error: " + e.getMessage(), e);
    }
  }

  /** The ref as given. */
  public String baseRef() {
    return baseRef;
  }

  /** The merge base of HEAD and the base ref. */
  public String mergeBaseId() {
    return mergeBase.name();
  }

  /**
   * Files under the repository root that differ from the merge base: added, modified or removed.
   */
  public Set<String> changedFiles() {
    return changed;
  }

  /**
   * Whether the file (absolute, or relative to the repository root) differs from the merge base.
   */
  public boolean isChanged(Path file) {
    return relative(file).map(changed::contains).orElse(false);
  }

  /** Whether the file (absolute, or relative to the repository root) exists on the merge base. */
  public boolean existedOnBase(Path file) {
    return relative(file).map(baseFiles::containsKey).orElse(false);
  }

  /** Changed files that exist on the merge base but no longer in the working tree. */
  public Set<String> removedFiles() {
    Set<String> removed = new TreeSet<>();
    for (String path : changed) {
      if (baseFiles.containsKey(path) && !Files.exists(root.resolve(path))) {
        removed.add(path);
      }
    }
    return removed;
  }

  /**
   * The version numbers of the track on the merge base (its folder read from the current
   * configuration).
   */
  public Set<Integer> versionsOnBase(TrackConfig track) {
    return versionsOnBase(MigrationRepository.repoPath(root, root.resolve(track.folder())));
  }

  /** The highest version of the track on the merge base, or 0 when the track had none. */
  public int maxVersionOnBase(TrackConfig track) {
    return versionsOnBase(track).stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The track's versions whose numbers do not exist on the merge base. */
  public List<MigrationVersion> newVersions(Track track) {
    Set<Integer> onBase = versionsOnBase(track.config());
    return track.versions().stream().filter(v -> !onBase.contains(v.number())).toList();
  }

  /** The policy input's {@code base} block for one phase file. */
  public BaseFacts factsFor(PhaseFile file) {
    // A phase file lives at <track folder>/<version folder>/<phase>.sql.
    String trackFolder = file.repoPath().substring(0, file.repoPath().lastIndexOf('/'));
    trackFolder = trackFolder.substring(0, Math.max(0, trackFolder.lastIndexOf('/')));
    Set<Integer> onBase = versionsOnBase(trackFolder);
    boolean existed = baseFiles.containsKey(file.repoPath());
    return new BaseFacts(
        true,
        existed,
        existed && changed.contains(file.repoPath()),
        !onBase.contains(file.version()),
        onBase.stream().mapToInt(Integer::intValue).max().orElse(0));
  }

  private Set<Integer> versionsOnBase(String trackFolder) {
    String prefix = trackFolder.isEmpty() ? "" : trackFolder + "/";
    Set<Integer> versions = new TreeSet<>();
    for (String path : baseFiles.keySet()) {
      if (!path.startsWith(prefix)) {
        continue;
      }
      String rest = path.substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        VersionFolder.parse(rest.substring(0, slash)).ifPresent(p -> versions.add(p.number()));
      }
    }
    return versions;
  }

  private Optional<String> relative(Path file) {
    Path absolute = root.resolve(file).toAbsolutePath().normalize();
    if (!absolute.startsWith(root) && Files.exists(absolute)) {
      try {
        absolute = absolute.toRealPath(); // the root is a real path (e.g. /tmp may be a link)
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    if (!absolute.startsWith(root)) {
      return Optional.empty();
    }
    return Optional.of(MigrationRepository.repoPath(root, absolute));
  }

  private static RevCommit commit(Repository repo, RevWalk walk, String ref, String shown)
      throws IOException {
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (RevisionSyntaxException | IOException e) {
      id = null;
    }
    if (id == null) {
      throw new RepositoryException(
          shown,
          "base ref \""
              + ref
              + "\" not found in the git repository (fetch it, e.g. git fetch origin "
              + ref.replaceFirst("^origin/", "")
              + ")");
    }
    return walk.parseCommit(id);
  }

  private static RevCommit mergeBase(
      Repository repo, RevCommit head, RevCommit base, String ref, String shown)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(head));
      walk.markStart(walk.parseCommit(base));
      RevCommit found = walk.next();
      if (found == null) {
        throw new RepositoryException(
            shown,
            "HEAD and \""
                + ref
                + "\" have no common ancestor (no merge base; in a shallow clone, fetch more history)");
      }
      return walk.parseCommit(found);
    } catch (MissingObjectException e) {
      throw new RepositoryException(
          shown,
          null,
          "cannot compute the merge base with \""
              + ref
              + "\": history is missing (shallow clone? fetch with --unshallow)",
          e);
    }
  }

  private static Map<String, ObjectId> filesUnder(Repository repo, RevCommit commit, String prefix)
      throws IOException {
    Map<String, ObjectId> files = new HashMap<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      if (!prefix.isEmpty()) {
        tw.setFilter(PathFilter.create(prefix.substring(0, prefix.length() - 1)));
      }
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          files.put(tw.getPathString().substring(prefix.length()), tw.getObjectId(0));
        }
      }
    }
    return files;
  }

  private static Set<String> committedChanges(
      Repository repo, RevCommit from, RevCommit to, String prefix) throws IOException {
    Set<String> paths = new TreeSet<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(from.getTree());
      tw.addTree(to.getTree());
      tw.setRecursive(true);
      tw.setFilter(
          prefix.isEmpty()
              ? TreeFilter.ANY_DIFF
              : AndTreeFilter.create(
                  PathFilter.create(prefix.substring(0, prefix.length() - 1)),
                  TreeFilter.ANY_DIFF));
      while (tw.next()) {
        String path = tw.getPathString();
        if (path.startsWith(prefix)) {
          paths.add(path.substring(prefix.length()));
        }
      }
    }
    return paths;
  }

  private static Set<String> uncommittedChanges(Repository repo, String prefix) throws IOException {
    Status status;
    try (Git git = new Git(repo)) {
      var command = git.status();
      if (!prefix.isEmpty()) {
        command.addPath(prefix.substring(0, prefix.length() - 1));
      }
      status = command.call();
    } catch (GitAPIException e) {
      throw new IOException("git status failed: " + e.getMessage(), e);
    }
    Set<String> paths = new TreeSet<>();
    for (Set<String> set :
        List.of(
            status.getAdded(),
            status.getChanged(),
            status.getModified(),
            status.getRemoved(),
            status.getMissing(),
            status.getUntracked(),
            status.getConflicting())) {
      for (String path : set) {
        if (path.startsWith(prefix)) {
          paths.add(path.substring(prefix.length()));
        }
      }
    }
    return paths;
  }

  private static ObjectId blobIdOnDisk(Path root, String path) throws IOException {
    Path file = root.resolve(path);
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
        return f.idFor(Constants.OBJ_BLOB, bytes);
      }
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
