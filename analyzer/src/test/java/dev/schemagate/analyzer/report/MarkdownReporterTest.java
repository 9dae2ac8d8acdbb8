package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReporterTest {

  @Test
  void pullRequestCommentForARealisticCheck() {
    String body =
        new MarkdownReporter(DocLinks.defaults())
            .render(ReportFixtures.realistic(), ReportFixtures.RULES);
    String expected =
        """
        <!-- schemagate-report -->
        ## ❌ schemagate: 1 error blocks this change

        | errors | warnings | info | waived | files | statements | PostgreSQL |
        |---:|---:|---:|---:|---:|---:|---:|
        | 1 | 1 | 1 | 1 | 2 | 5 | 16 |

        ### `migrations/orders/0003_status/expand.sql` — track orders, version 3, expand

        | line | severity | rule | message |
        |---:|---|---|---|
        | 4 | error | [`lock/create-index-blocking`](https://github.com/schemagate/schemagate/blob/main/docs/rules/lock/create-index-blocking.md) | CREATE INDEX without CONCURRENTLY blocks writes to public.orders (SHARE lock) while the index is built |
        | 6 | ~~error~~ waived: orders_archive is empty in every environment | [`lock/table-rewrite`](https://github.com/schemagate/schemagate/blob/main/docs/rules/lock/table-rewrite.md) | ALTER COLUMN total TYPE bigint rewrites public.orders_archive under ACCESS EXCLUSIVE |

        **Hints**

        - line 4, `lock/create-index-blocking`: Use CREATE INDEX CONCURRENTLY in a non-transactional phase. *(`schemagate check --fix`: add CONCURRENTLY and mark the phase file non-transactional (-- schemagate:phase transactional=false): the runner then runs its statements one by one, each in its own implicit transaction, because CONCURRENTLY cannot run inside a transaction block)*
        - line 6, `lock/table-rewrite`: Add a new bigint column, backfill it, and swap in the contract phase.

        <details><summary>Statement facts (3 statements)</summary>

        | line | kind | locks | rewrite | scan | transactional |
        |---:|---|---|---|---|---|
        | 2 | `alter_table.add_column` | `public.orders` AccessExclusiveLock | no | no | yes |
        | 4 | `create_index` | `public.orders` ShareLock | no | yes | yes |
        | 6 | `alter_table.alter_column_type` | `public.orders_archive` AccessExclusiveLock | yes | no | yes |

        </details>

        ### `migrations/orders/0003_status/backfill.sql` — track orders, version 3, backfill

        | line | severity | rule | message |
        |---:|---|---|---|
        | 1 | info | [`hygiene/prefer-timestamptz`](https://github.com/schemagate/schemagate/blob/main/docs/rules/hygiene/prefer-timestamptz.md) | order_events.at: timestamp without time zone, 100% ambiguous across time zones |
        | 2 | warning | [`lock/unbatched-dml`](https://github.com/schemagate/schemagate/blob/main/docs/rules/lock/unbatched-dml.md) | UPDATE of public.orders in one statement locks every matching row until it commits |

        **Hints**

        - line 1, `hygiene/prefer-timestamptz`: Use timestamptz.
        - line 2, `lock/unbatched-dml`: Update in batches of a few thousand rows, committing between batches.

        <details><summary>Statement facts (2 statements)</summary>

        | line | kind | locks | rewrite | scan | transactional |
        |---:|---|---|---|---|---|
        | 1 | `create_table` | `public.order_events` AccessExclusiveLock (new) | no | no | yes |
        | 2 | `update` | `public.orders` RowExclusiveLock | no | yes | yes |

        </details>
        """;
    assertEquals(expected, body);
  }

  @Test
  void verdictWhenNothingBlocks() {
    FileResult expand = ReportFixtures.expand();
    FileResult clean =
        new FileResult(
            expand.path(),
            expand.track(),
            expand.version(),
            expand.phase(),
            expand.text(),
            expand.statements(),
            List.of());
    String body =
        new MarkdownReporter(DocLinks.defaults())
            .render(new CheckResult(16, List.of(clean)), ReportFixtures.RULES);
    assertTrue(
        body.startsWith(
            "<!-- schemagate-report -->\n## ✅ schemagate: nothing blocks this change\n"),
        body);
    assertTrue(body.contains("No findings.\n"));
    FileResult backfill = ReportFixtures.backfill();
    String warned =
        new MarkdownReporter(DocLinks.defaults())
            .render(new CheckResult(16, List.of(backfill)), ReportFixtures.RULES);
    assertTrue(
        warned.contains("## ⚠️ schemagate: nothing blocks this change, 1 warning to review\n"),
        warned);
  }

  @Test
  void cellsEscapePipesLineBreaksAndHtml() {
    assertEquals("a \\| b<br>c &lt;tag>", MarkdownReporter.cell("a | b\r\nc <tag>"));
    assertEquals(
        "use &lt;name>_idx then drop it",
        MarkdownReporter.inline("use <name>_idx\r\nthen drop it"));
  }

  /** Many files: the body stays under GitHub's limit and says it was cut. */
  @Test
  void truncatedBelowTheCommentLimitWithANote() {
    List<FileResult> files = new ArrayList<>();
    FileResult expand = ReportFixtures.expand();
    for (int i = 0; i < 400; i++) {
      String path = "migrations/orders/" + String.format("%04d", i) + "_x/expand.sql";
      List<Finding> findings =
          expand.findings().stream()
              .map(
                  f ->
                      new Finding(
                          f.rule(),
                          f.severity(),
                          path,
                          f.line(),
                          f.column(),
                          f.message(),
                          f.hint(),
                          f.statementIndex(),
                          f.waivedReason(),
                          f.fix()))
              .toList();
      files.add(
          new FileResult(
              path, "orders", i, expand.phase(), expand.text(), expand.statements(), findings));
    }
    CheckResult big = new CheckResult(16, files);
    String body = new MarkdownReporter(DocLinks.defaults()).render(big, ReportFixtures.RULES);
    assertTrue(body.length() <= MarkdownReporter.DEFAULT_LIMIT, "length " + body.length());
    assertTrue(
        body.length() > MarkdownReporter.DEFAULT_LIMIT - 5_000,
        "uses the room it has: " + body.length());
    assertTrue(body.startsWith(MarkdownReporter.MARKER));
    assertTrue(
        body.contains("| 400 | 0 | 0 | 400 | 400 | 1200 | 16 |"), "the summary counts everything");
    int shown = (int) body.lines().filter(l -> l.startsWith("### ")).count();
    assertTrue(
        body.endsWith(
                "\n> **Truncated:** this report is longer than a pull-request comment allows; "
                    + (shown - 1)
                    + " of 400 files are shown in full and the next one in part. Run `schemagate check` for the full report.\n")
            || body.endsWith(
                "\n> **Truncated:** this report is longer than a pull-request comment allows; "
                    + shown
                    + " of 400 files are shown in full. Run `schemagate check` for the full report.\n"),
        body.substring(body.length() - 300));
    // Every <details> that was opened is closed.
    assertEquals(body.split("<details>", -1).length, body.split("</details>", -1).length);
  }

  @Test
  void oneHugeFileKeepsTheFindingsThatFit() {
    FileResult expand = ReportFixtures.expand();
    Finding f = expand.findings().get(1);
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(f);
    }
    FileResult huge =
        new FileResult(
            expand.path(),
            expand.track(),
            expand.version(),
            expand.phase(),
            expand.text(),
            expand.statements(),
            many);
    String body =
        new MarkdownReporter(DocLinks.defaults(), 5_000)
            .render(new CheckResult(16, List.of(huge)), ReportFixtures.RULES);
    assertTrue(body.length() <= 5_000, "length " + body.length());
    assertTrue(
        body.contains("| 4 | error | [`lock/create-index-blocking`]"),
        "some rows of the file are shown");
    assertTrue(body.contains("0 of 1 files are shown in full and the next one in part."));
    assertFalse(body.contains("<details>"));
  }
}
