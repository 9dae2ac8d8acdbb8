package dev.schemagate.cli.runner;

import dev.schemagate.runner.approval.CommitSource;
import dev.schemagate.watcher.git.RemoteUrl;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the migrations come from: a local Git repository or a URL, and the commit. */
final class RepoOptions {

  @Option(
      names = "--repo",
      defaultValue = ".",
      paramLabel = "PATH_OR_URL",
      description =
          "The schemagate repository: a folder inside a Git work tree, or a Git URL to clone (default: .)")
  String repo;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description =
          "The commit to apply (branch, tag or id; default: the protected branch named in schemagate.yaml)")
  String ref;

  @Option(
      names = "--protected-branch",
      paramLabel = "BRANCH",
      description =
          "The branch whose commits are approved (default: the one schemagate.yaml names at the repository's"
              + " HEAD, for a clone the remote's default branch); a commit naming another one is refused")
  String protectedBranch;

  @Option(
      names = "--git-password-file",
      paramLabel = "FILE",
      description =
          "For an HTTPS --repo URL: a file whose first line is the password or token (user: the URL's,"
              + " else $SCHEMAGATE_GIT_USERNAME, else x-access-token), e.g. a mounted Secret")
  Path gitPasswordFile;

  /** Opens {@code --repo}: a local repository, or a clone made with the credentials given. */
  CommitSource open() {
    return open(repo, gitPasswordFile);
  }

  /**
   * Credentials come as the watcher takes them ({@link RemoteUrl}): from the file, from
   * SCHEMAGATE_GIT_PASSWORD, or from the URL itself; the URL without them is what messages show.
   */
  static CommitSource open(String repo, Path gitPasswordFile) {
    if (!CommitSource.isUrl(repo)) {
      if (gitPasswordFile != null) {
        throw new IllegalArgumentException(
            "--git-password-file is for a Git URL, and --repo " + repo + " is a local folder");
      }
      return CommitSource.open(repo);
    }
    RemoteUrl remote = RemoteUrl.parse(repo, System::getenv, gitPasswordFile);
    return CommitSource.open(remote.url(), remote.credentials());
  }
}
