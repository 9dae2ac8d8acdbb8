package dev.schemagate.runner.approval;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.repo.MigrationRepository;

/**
 * A migration repository as of one commit that passed approval: the commit is reachable from the
 * protected branch, and the analyzer, re-run here on exactly these files, found no unwaived
 * error-level finding.
 *
 * @param repository loaded from the commit's tree (never from a working tree)
 * @param commit the full commit id
 * @param protectedBranch the branch it was found on
 * @param check the analyzer's verdict on the commit (its facts give the predicted locks)
 */
public record ApprovedCommit(
    MigrationRepository repository, String commit, String protectedBranch, CheckResult check) {}
