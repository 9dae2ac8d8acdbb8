package dev.schemagate.operations;

import dev.schemagate.operations.op.AddCheck;
import dev.schemagate.operations.op.AddColumn;
import dev.schemagate.operations.op.AddForeignKey;
import dev.schemagate.operations.op.AddUnique;
import dev.schemagate.operations.op.DropColumn;
import dev.schemagate.operations.op.MergeColumns;
import dev.schemagate.operations.op.RenameColumn;
import dev.schemagate.operations.op.RenameTable;
import dev.schemagate.operations.op.SetNotNull;
import dev.schemagate.operations.op.SplitColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's proof, per operation (change-type has its own, ChangeTypeApplyTest): applied phase by
 * phase by the runner under writers of both shapes, with the data checked exactly after the
 * contract, and rolled back from each boundary before it (see {@link OperationProof}).
 *
 * <p>Values written by old code start at 100000, by new code at 200000, seeded ones are the row's
 * key: a check can tell who wrote a row last.
 */
class OperationsProofTest {

  @TempDir Path dir;

  static final String CUSTOMERS =
      "INSERT INTO customers (full_name, email) SELECT 'Seed' || g || ' Person' || g, 'seed' || g || '@example.com'"
          + " FROM generate_series(1, {rows}) g";
  static final String ORDERS =
      "INSERT INTO orders (amount, note) SELECT g, 'seed ' || g FROM generate_series(1, {rows}) g";

  static List<ProofCase> cases() {
    return List.of(
        ProofCase.of(
                "rename-column",
                new RenameColumn("customers", "full_name", "display_name"),
                CUSTOMERS)
            .reads("SELECT id, full_name FROM customers", "SELECT id, display_name FROM customers")
            .shapes(
                Shape.of(
                    "INSERT INTO customers (full_name) VALUES (?) RETURNING id",
                    "UPDATE customers SET full_name = ? WHERE id = ?",
                    n -> Shape.Write.of("old " + n, "old " + n)),
                Shape.of(
                    "INSERT INTO customers (display_name) VALUES (?) RETURNING id",
                    "UPDATE customers SET display_name = ? WHERE id = ?",
                    n -> Shape.Write.of("new " + n, "new " + n)))
            .disagreement("SELECT id FROM customers WHERE display_name IS DISTINCT FROM full_name")
            .contracted(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'",
                "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'display_name'"
                    + " AND (is_nullable <> 'NO' OR column_default IS DISTINCT FROM '''''::text')",
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'customers'::regclass AND NOT tgisinternal",
                "SELECT 'no index on display_name' WHERE NOT EXISTS (SELECT FROM pg_indexes WHERE indexdef LIKE '%(display_name)')"),
        ProofCase.of(
                "add-column",
                new AddColumn("orders", "amount_cents", "bigint", "0", true, "amount * 100"),
                ORDERS)
            .reads("SELECT id, amount FROM orders", "SELECT id, amount FROM orders")
            .shapes(
                Shape.of(
                    "INSERT INTO orders (amount) VALUES (?) RETURNING id",
                    "UPDATE orders SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(100_000 + n), (int) (100_000 + n))),
                Shape.of(
                    "INSERT INTO orders (amount, amount_cents) VALUES (?, ?) RETURNING id",
                    "UPDATE orders SET amount = ?, amount_cents = ? WHERE id = ?",
                    n ->
                        Shape.Write.of(
                            Long.toString(200_000 + n), (int) (200_000 + n), (200_000 + n) * 100)))
            .contracted(
                "SELECT id FROM orders WHERE amount_cents IS NULL",
                // rows nobody wrote since the seed were backfilled; rows new code wrote hold what
                // it wrote
                "SELECT id, amount, amount_cents FROM orders WHERE (amount = id OR amount >= 200000) AND amount_cents IS DISTINCT FROM amount * 100",
                // rows old code inserted (never updated after): backfilled if written before the
                // expand, else the default
                "SELECT id, amount, amount_cents FROM orders WHERE id > "
                    + OperationProof.SEEDED
                    + " AND amount BETWEEN 100000 AND 199999 AND amount_cents NOT IN (0, amount * 100)",
                "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'amount_cents'"
                    + " AND (is_nullable <> 'NO' OR column_default IS DISTINCT FROM '0')")
            .refusedAfterContract("INSERT INTO orders (amount, amount_cents) VALUES (1, NULL)"),
        ProofCase.of("set-not-null", new SetNotNull("customers", "email"), CUSTOMERS)
            .reads("SELECT id, email FROM customers", "SELECT id, email FROM customers")
            .shapes(
                Shape.of(
                    "INSERT INTO customers (full_name, email) VALUES ('old', ?) RETURNING id",
                    "UPDATE customers SET email = ? WHERE id = ?",
                    n -> Shape.Write.of("old" + n + "@example.com", "old" + n + "@example.com")),
                Shape.of(
                    "INSERT INTO customers (email) VALUES (?) RETURNING id",
                    "UPDATE customers SET email = ? WHERE id = ?",
                    n -> Shape.Write.of("new" + n + "@example.com", "new" + n + "@example.com")))
            .contracted(
                "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'email' AND is_nullable <> 'NO'",
                "SELECT conname FROM pg_constraint WHERE conrelid = 'customers'::regclass AND contype = 'c'")
            .refusedAfterContract("INSERT INTO customers (full_name) VALUES ('no email')"),
        ProofCase.of(
                "add-check", new AddCheck("orders", "orders_amount_positive", "amount > 0"), ORDERS)
            .reads("SELECT id, amount FROM orders", "SELECT id, amount FROM orders")
            .shapes(
                Shape.of(
                    "INSERT INTO orders (amount) VALUES (?) RETURNING id",
                    "UPDATE orders SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(100_000 + n), (int) (100_000 + n))),
                Shape.of(
                    "INSERT INTO orders (amount) VALUES (?) RETURNING id",
                    "UPDATE orders SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(200_000 + n), (int) (200_000 + n))))
            .contracted(
                "SELECT 'missing or not valid' WHERE NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'orders_amount_positive'"
                    + " AND convalidated AND pg_get_constraintdef(oid) = 'CHECK ((amount > 0))')")
            .refusedAfterContract("INSERT INTO orders (amount) VALUES (0)"),
        ProofCase.of(
                "add-foreign-key",
                new AddForeignKey("orders", "note", "customers(email)"),
                CUSTOMERS
                    + "; INSERT INTO orders (amount, note) SELECT g, 'seed' || g || '@example.com' FROM generate_series(1, {rows}) g")
            .reads(
                "SELECT id, note FROM orders",
                "SELECT o.id, c.email FROM orders o LEFT JOIN customers c ON c.email = o.note")
            .shapes(
                Shape.of(
                    "INSERT INTO orders (amount, note) VALUES (1, ?) RETURNING id",
                    "UPDATE orders SET note = ? WHERE id = ?",
                    n -> Shape.Write.of(email(n), email(n))),
                Shape.of(
                    "INSERT INTO orders (amount, note) VALUES (2, (SELECT email FROM customers WHERE email = ?)) RETURNING id",
                    "UPDATE orders SET note = (SELECT email FROM customers WHERE email = ?) WHERE id = ?",
                    n -> Shape.Write.of(email(n + 1), email(n + 1))))
            .disagreement(
                "SELECT o.id FROM orders o LEFT JOIN customers c ON c.email = o.note WHERE c.email IS DISTINCT FROM o.note")
            .contracted(
                "SELECT 'missing or not valid' WHERE NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'orders_note_fkey'"
                    + " AND convalidated AND pg_get_constraintdef(oid) = 'FOREIGN KEY (note) REFERENCES customers(email)')")
            .refusedAfterContract(
                "INSERT INTO orders (amount, note) VALUES (1, 'nobody@example.com')"),
        ProofCase.of("add-unique", new AddUnique("customers", List.of("full_name")), CUSTOMERS)
            .reads("SELECT id, full_name FROM customers", "SELECT id, full_name FROM customers")
            .shapes(
                Shape.of(
                    "INSERT INTO customers (full_name) VALUES (?) RETURNING id",
                    "UPDATE customers SET full_name = ? WHERE id = ?",
                    n -> Shape.Write.of("old " + n, "old " + n)),
                // new code relies on the unique index: an upsert by full_name
                Shape.of(
                    "INSERT INTO customers (full_name) VALUES (?) ON CONFLICT (full_name) DO UPDATE SET email = NULL RETURNING id",
                    "UPDATE customers SET full_name = ? WHERE id = ?",
                    n -> Shape.Write.of("new " + n, "new " + n)))
            .contracted(
                "SELECT 'missing' WHERE NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'customers_full_name_key'"
                    + " AND contype = 'u' AND pg_get_constraintdef(oid) = 'UNIQUE (full_name)')")
            .refusedAfterContract(
                "INSERT INTO customers (full_name) SELECT full_name FROM customers WHERE id = 2"),
        ProofCase.of(
                "split-column",
                new SplitColumn(
                    "customers",
                    "full_name",
                    List.of(
                        new SplitColumn.Part("first_name", "text", "split_part(full_name, ' ', 1)"),
                        new SplitColumn.Part(
                            "last_name",
                            "text",
                            "nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '')")),
                    "concat_ws(' ', first_name, last_name)"),
                CUSTOMERS)
            .reads(
                "SELECT id, full_name FROM customers",
                "SELECT id, concat_ws(' ', first_name, last_name) FROM customers")
            .shapes(
                Shape.of(
                    "INSERT INTO customers (full_name) VALUES (?) RETURNING id",
                    "UPDATE customers SET full_name = ? WHERE id = ?",
                    // every third name is one word: last_name is NULL in the new shape
                    n ->
                        n % 3 == 0
                            ? Shape.Write.of("Old" + n, "Old" + n)
                            : Shape.Write.of("Old" + n + " Writer" + n, "Old" + n + " Writer" + n)),
                Shape.of(
                    "INSERT INTO customers (first_name, last_name) VALUES (?, ?) RETURNING id",
                    "UPDATE customers SET first_name = ?, last_name = ? WHERE id = ?",
                    n ->
                        n % 3 == 0
                            ? Shape.Write.of("New" + n, "New" + n, null)
                            : Shape.Write.of("New" + n + " Writer" + n, "New" + n, "Writer" + n)))
            .disagreement(
                "SELECT id FROM customers WHERE full_name IS DISTINCT FROM concat_ws(' ', first_name, last_name)")
            .contracted(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'full_name'",
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'customers'::regclass AND NOT tgisinternal"),

        // The expressions keep a NULL email (up: '' inside the brackets, down: back to NULL), and
        // old code writes some.
        ProofCase.of(
                "merge-columns",
                new MergeColumns(
                    "customers",
                    List.of("full_name", "email"),
                    "contact",
                    "text",
                    "full_name || ' <' || coalesce(email, '') || '>'",
                    List.of(
                        "split_part(contact, ' <', 1)",
                        "nullif(rtrim(split_part(contact, ' <', 2), '>'), '')")),
                CUSTOMERS)
            .reads(
                "SELECT id, full_name || ' <' || coalesce(email, '') || '>' FROM customers",
                "SELECT id, contact FROM customers")
            .shapes(
                Shape.of(
                    "INSERT INTO customers (full_name, email) VALUES (?, ?) RETURNING id",
                    "UPDATE customers SET full_name = ?, email = ? WHERE id = ?",
                    n ->
                        n % 3 == 0
                            ? Shape.Write.of("Old " + n + " <>", "Old " + n, null)
                            : Shape.Write.of(
                                "Old " + n + " <old" + n + "@example.com>",
                                "Old " + n,
                                "old" + n + "@example.com")),
                Shape.of(
                    "INSERT INTO customers (contact) VALUES (?) RETURNING id",
                    "UPDATE customers SET contact = ? WHERE id = ?",
                    n ->
                        Shape.Write.of(
                            "New " + n + " <new" + n + "@example.com>",
                            "New " + n + " <new" + n + "@example.com>")))
            .disagreement(
                "SELECT id FROM customers WHERE contact IS DISTINCT FROM full_name || ' <' || coalesce(email, '') || '>'")
            .contracted(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name IN ('full_name', 'email')",
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'customers'::regclass AND NOT tgisinternal"),
        ProofCase.of("rename-table", new RenameTable("orders", "purchases"), ORDERS)
            .reads("SELECT id, amount FROM orders", "SELECT id, amount FROM purchases")
            .shapes(
                Shape.of(
                    "INSERT INTO orders (amount) VALUES (?) RETURNING id",
                    "UPDATE orders SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(100_000 + n), (int) (100_000 + n))),
                Shape.of(
                    "INSERT INTO purchases (amount) VALUES (?) RETURNING id",
                    "UPDATE purchases SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(200_000 + n), (int) (200_000 + n))))
            .disagreement(
                "SELECT id FROM orders o FULL JOIN purchases p USING (id) WHERE o.amount IS DISTINCT FROM p.amount")
            .contracted("SELECT relname FROM pg_class WHERE relname = 'orders'"),
        ProofCase.of("drop-column", new DropColumn("orders", "note"), ORDERS)
            .reads("SELECT id, amount FROM orders", "SELECT id, amount FROM orders")
            .shapes(
                Shape.of(
                    "INSERT INTO orders (amount, note) VALUES (?, 'old') RETURNING id",
                    "UPDATE orders SET amount = ?, note = 'old' WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(100_000 + n), (int) (100_000 + n))),
                Shape.of(
                    "INSERT INTO orders (amount) VALUES (?) RETURNING id",
                    "UPDATE orders SET amount = ? WHERE id = ?",
                    n -> Shape.Write.of(Long.toString(200_000 + n), (int) (200_000 + n))))
            .contracted(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'")
            .refusedAfterContract("INSERT INTO orders (amount, note) VALUES (1, 'old code')"));
  }

  /** A seeded customer's email, for foreign keys to point at. */
  private static String email(long n) {
    return "seed" + (1 + n % OperationProof.SEEDED) + "@example.com";
  }

  @ParameterizedTest(name = "{0}: expand → backfill → verify → contract under both shapes")
  @MethodSource("cases")
  void appliedUnderBothShapesEveryRowIsRight(ProofCase proof) throws Exception {
    OperationProof p = new OperationProof(proof, dir);
    p.throughTheContract();
    p.log().stream()
        .filter(l -> l.startsWith("writes while"))
        .forEach(l -> System.out.println(proof.name() + ": " + l));
  }

  static Stream<Arguments> boundaries() throws Exception {
    Path scratch = Files.createTempDirectory("proof-boundaries");
    try {
      return cases().stream()
          .flatMap(
              c -> {
                try {
                  Path d = Files.createTempDirectory(scratch, c.name());
                  return OperationProof.boundaries(c, d).stream().map(b -> Arguments.of(c, b));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList()
          .stream();
    } finally {
      try (Stream<Path> all = Files.walk(scratch)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0}: rollback after {1}")
  @MethodSource("boundaries")
  void rollbackFromEachBoundaryRestoresTheOldShapeWithEveryRow(
      ProofCase proof, OperationProof.Boundary boundary) throws Exception {
    new OperationProof(proof, dir).rollbackAfter(boundary);
  }
}
