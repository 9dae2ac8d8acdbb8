package dev.schemagate.runner.approval;

import dev.schemagate.analyzer.check.CheckOptions;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.CheckRunner;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.PolicySettings;
import dev.schemagate.analyzer.repo.SchemagateConfig;
import dev.schemagate.runner.RunnerException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Where the migrations come from: a local Git repository (the schemagate root may be a sub-folder
 * of it) or a Git URL cloned into a temporary folder. {@link #approve} decides whether a commit may
 * be applied and loads the repository as of that commit — from the commit's tree, never from a
 * working tree, so uncommitted edits can never run.
 */
public final class CommitSource implements AutoCloseable {

  private final Repository git;
  private final String prefix;
  private final List<Path> temporary = new ArrayList<>();
  private final boolean cloned;

  private CommitSource(Repository git, String prefix, boolean cloned) {
    this.git = git;
    this.prefix = prefix;
    this.cloned = cloned;
  }

  /**
   * @param location a local path (inside a Git work tree, or a bare repository) or a Git URL
   *     ({@code https://…}, {@code ssh://…}, {@code git@host:…}, {@code file://…})
   */
  public static CommitSource open(String location) {
    return open(location, null);
  }

  /**
   * As {@link #open(String)}, cloning a URL with {@code credentials} (null: none, or what the URL
   * itself carries). {@code location} should not carry a password: it appears in messages.
   */
  public static CommitSource open(String location, CredentialsProvider credentials) {
    if (isUrl(location)) {
      Path dir;
      try {
        dir = Files.createTempDirectory("schemagate-clone-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create a temporary folder for the clone: " + e.getMessage(), e);
      }
      try {
        Git cloned =
            Git.cloneRepository()
                .setURI(location)
                .setDirectory(dir.toFile())
                .setBare(true)
                .setCloneAllBranches(true)
                .setCredentialsProvider(credentials)
                .call();
        CommitSource source = new CommitSource(cloned.getRepository(), "", true);
        source.temporary.add(dir);
        return source;
      } catch (GitAPIException | RuntimeException e) {
        deleteTree(dir);
        throw new RunnerException("cannot clone " + location + ": " + e.getMessage(), e);
      }
    }
    Path path = Path.of(location).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(location + ": no such directory");
    }
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().readEnvironment().findGitDir(path.toFile());
    if (builder.getGitDir() == null) {
      throw new IllegalArgumentException(
          location + ": is not inside a Git repository; the runner applies commits");
    }
    try {
      Repository repo = builder.build();
      String prefix = "";
      if (!repo.isBare()) {
        Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
        Path real = path.toRealPath();
        Path realTop = top.toRealPath();
        prefix =
            realTop.relativize(real).toString().replace(real.getFileSystem().getSeparator(), "/");
      }
      return new CommitSource(repo, prefix, false);
    } catch (IOException e) {
      throw new UncheckedIOException(
          location + ": cannot open the Git repository: " + e.getMessage(), e);
    }
  }

  /** Whether {@code location} is a Git URL to clone rather than a local path. */
  public static boolean isUrl(String location) {
    return location.contains("://") || location.matches("[A-Za-z0-9._-]+@[^:/]+:.*");
  }

  /**
   * Approves {@code ref} (default: the protected branch) and loads the repository as of it.
   *
   * @throws RunnerException when the commit is not on the protected branch or the analyzer finds an
   *     unwaived error-level finding in it
   */
  public ApprovedCommit approve(
      Optional<String> ref, Function<PolicySettings, PolicyEngine> engines) {
    return approve(ref, Optional.empty(), engines);
  }

  /**
   * Approves {@code ref} against {@code protectedBranch} (the operator's {@code
   * --protected-branch}) or, without it, the branch that {@code schemagate.yaml} names at the
   * repository's default tip (a clone's HEAD: the remote's default branch). Never the one the
   * commit itself names: a commit that names another branch is refused, since otherwise a branch
   * could approve itself.
   */
  public ApprovedCommit approve(
      Optional<String> ref,
      Optional<String> protectedBranch,
      Function<PolicySettings, PolicyEngine> engines) {
    try (RevWalk walk = new RevWalk(git)) {
      String effective =
          protectedBranch.isPresent()
              ? protectedBranch.get()
              : protectedBranchOf(walk, defaultTip());
      String source =
          protectedBranch.isPresent()
              ? "--protected-branch"
              : "schemagate.yaml at the repository's HEAD";
      ObjectId tip =
          branchTip(effective)
              .orElseThrow(
                  () ->
                      new RunnerException(
                          "the protected branch \""
                              + effective
                              + "\" ("
                              + source
                              + ") does not exist in the Git repository"));
      String wanted = ref.orElse(effective);
      RevCommit commit =
          walk.parseCommit(
              resolve(wanted)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "--ref "
                                  + wanted
                                  + ": not found in the Git repository (fetch it?)")));
      String named = protectedBranchOf(walk, commit);
      if (!named.equals(effective)) {
        throw new RunnerException(
            "commit "
                + commit.name()
                + " ("
                + wanted
                + ") is not approved: its schemagate.yaml names"
                + " protected branch \""
                + named
                + "\", but the protected branch is \""
                + effective
                + "\" ("
                + source
                + "); a commit cannot choose the branch that approves it");
      }
      if (!walk.isMergedInto(commit, walk.parseCommit(tip))) {
        throw new RunnerException(
            "commit "
                + commit.name()
                + " ("
                + wanted
                + ") is not approved: it is not on the"
                + " protected branch \""
                + effective
                + "\" (tip "
                + tip.name()
                + "); merge it first");
      }
      Path root = export(commit);
      MigrationRepository repo = MigrationRepository.load(root);
      CheckResult check = new CheckRunner(engines).check(repo, CheckOptions.defaults());
      List<Finding> blocking = check.findings().stream().filter(Finding::blocking).toList();
      if (!blocking.isEmpty()) {
        Finding f = blocking.get(0);
        throw new RunnerException(
            "commit "
                + commit.name()
                + " is not approved: the analyzer finds "
                + blocking.size()
                + " unwaived error-level finding(s), first "
                + f.path()
                + ":"
                + f.line()
                + " "
                + f.rule()
                + ": "
                + f.message());
      }
      return new ApprovedCommit(repo, commit.name(), effective, check);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the Git repository: " + e.getMessage(), e);
    }
  }

  /**
   * The commit a clone's HEAD (or a local repository's HEAD) points at, which names the protected
   * branch by default.
   */
  private RevCommit defaultTip() throws IOException {
    ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
    if (head == null) {
      throw new IllegalArgumentException("the Git repository has no commit yet");
    }
    try (RevWalk w = new RevWalk(git)) {
      return w.parseCommit(head);
    }
  }

  private Optional<ObjectId> resolve(String ref) throws IOException {
    for (String candidate : List.of(ref, "origin/" + ref)) {
      try {
        ObjectId id = git.resolve(candidate + "^{commit}");
        if (id != null) {
          return Optional.of(id);
        }
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
        throw new IllegalArgumentException("--ref " + ref + ": not a valid revision", e);
      }
    }
    return Optional.empty();
  }

  /**
   * The tip of the protected branch: the remote's when the repository has one (local commits are
   * not reviewed yet).
   */
  private Optional<ObjectId> branchTip(String branch) throws IOException {
    for (String name :
        cloned
            ? List.of(Constants.R_HEADS + branch)
            : List.of(Constants.R_REMOTES + "origin/" + branch, Constants.R_HEADS + branch)) {
      Ref r = git.exactRef(name);
      if (r != null && r.getObjectId() != null) {
        return Optional.of(r.getObjectId());
      }
    }
    return Optional.empty();
  }

  private String protectedBranchOf(RevWalk walk, RevCommit commit) throws IOException {
    String path = (prefix.isEmpty() ? "" : prefix + "/") + SchemagateConfig.FILE_NAME;
    try (TreeWalk tw = TreeWalk.forPath(git, path, commit.getTree())) {
      if (tw == null) {
        throw new RunnerException("commit " + commit.name() + " has no " + path);
      }
      // protected_branch only; the whole file is validated when the commit is loaded
      return protectedBranchLine(
          new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * Reads {@code protected_branch} without validating the rest (the full file is validated on
   * export).
   */
  static String protectedBranchLine(String yaml) {
    try {
      com.fasterxml.jackson.databind.JsonNode node =
          new com.fasterxml.jackson.databind.ObjectMapper(
                  new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
              .readTree(yaml);
      if (node != null && node.hasNonNull("protected_branch")) {
        return node.get("protected_branch").asText().trim();
      }
      return "main";
    } catch (IOException e) {
      throw new RunnerException(
          SchemagateConfig.FILE_NAME + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Writes the commit's files under the schemagate root into a temporary folder. */
  private Path export(RevCommit commit) throws IOException {
    Path dir =
        Files.createTempDirectory("schemagate-commit-" + commit.name().substring(0, 12) + "-");
    temporary.add(dir);
    try (TreeWalk tw = new TreeWalk(git)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      if (!prefix.isEmpty()) {
        tw.setFilter(PathFilter.create(prefix));
      }
      while (tw.next()) {
        if (tw.getFileMode(0) != FileMode.REGULAR_FILE
            && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
          continue;
        }
        String rel =
            prefix.isEmpty()
                ? tw.getPathString()
                : tw.getPathString().substring(prefix.length() + 1);
        Path target = dir.resolve(rel).normalize();
        if (!target.startsWith(dir)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          git.open(tw.getObjectId(0)).copyTo(out);
        }
      }
    }
    return dir;
  }

  @Override
  public void close() {
    git.close();
    for (Path p : temporary) {
      deleteTree(p);
    }
  }

  private static void deleteTree(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder left behind is harmless
    }
  }
}
