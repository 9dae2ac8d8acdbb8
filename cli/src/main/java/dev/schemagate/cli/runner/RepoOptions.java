package dev.schemagate.cli.runner;

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
}
