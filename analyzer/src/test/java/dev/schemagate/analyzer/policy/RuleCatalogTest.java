package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.check.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
  private final RuleCatalog catalog = RuleCatalog.bundled();

  @Test
  void listsEveryRuleOfTheContractWithItsDocumentationPage() {
    Set<String> ids = catalog.all().stream().map(RuleInfo::id).collect(Collectors.toSet());
    assertEquals(Set.of(
        "lock/create-index-blocking", "lock/drop-index-blocking", "lock/reindex-blocking", "lock/table-rewrite",
        "lock/scan-under-exclusive-lock", "lock/foreign-key-validation", "lock/constraint-builds-index",
        "lock/missing-lock-timeout", "lock/concurrently-in-transaction", "lock/refresh-matview-blocking",
        "lock/exclusive-lock-held", "lock/unbatched-dml", "lock/validate-in-same-transaction",
        "lock/detach-partition-blocking", "compat/drop-column", "compat/drop-table", "compat/rename-column",
        "compat/rename-table", "compat/change-column-type", "compat/add-required-column",
        "compat/set-not-null-early", "compat/unsupported-syntax", "phase/destructive-in-expand", "phase/dml-outside-backfill",
        "phase/ddl-in-backfill", "phase/applied-file-changed", "phase/version-order",
        "hygiene/unparsed-statement", "hygiene/transaction-control", "hygiene/waiver-without-reason",
        "hygiene/foreign-key-without-index", "hygiene/prefer-bigint", "hygiene/prefer-identity",
        "hygiene/prefer-text", "hygiene/prefer-timestamptz", "hygiene/prefer-jsonb"), ids);
    for (RuleInfo r : catalog.all()) {
      assertTrue(Files.isRegularFile(Path.of("..").resolve(r.docPath())), r.docPath());
      assertTrue(!r.summary().isBlank(), r.id());
    }
  }

  @Test
  void carriesTheDefaultSeverities() {
    assertEquals(Severity.ERROR, catalog.find("lock/create-index-blocking").orElseThrow().defaultSeverity());
    assertEquals(Severity.WARNING, catalog.find("lock/missing-lock-timeout").orElseThrow().defaultSeverity());
    assertEquals(Severity.INFO, catalog.find("hygiene/prefer-jsonb").orElseThrow().defaultSeverity());
    assertTrue(catalog.find("lock/no-such-rule").isEmpty());
  }
}
