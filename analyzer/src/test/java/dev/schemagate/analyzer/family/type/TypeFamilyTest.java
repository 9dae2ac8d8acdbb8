package dev.schemagate.analyzer.family.type;

import static dev.schemagate.analyzer.testsupport.ParsedSql.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.lock.LockContext;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeFamilyTest {

  @Test
  void anEnumsLabelsAreFollowedInOrderThroughRenames() {
    Catalog catalog = new Catalog();
    catalog.apply(one("CREATE TYPE mood AS ENUM ('sad', 'ok', 'a, b')"));
    assertEquals(
        Optional.of(List.of("sad", "ok", "a, b")),
        catalog.enumLabels(QualifiedName.of("mood")),
        "a label with a comma stays one label");
    catalog.apply(one("ALTER TYPE mood ADD VALUE 'happy' BEFORE 'ok'"));
    catalog.apply(one("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"));
    assertEquals(
        Optional.of(List.of("blue", "happy", "ok", "a, b")),
        catalog.enumLabels(QualifiedName.of("mood")));
    catalog.apply(one("ALTER TYPE mood RENAME TO feeling"));
    assertEquals(Optional.empty(), catalog.enumLabels(QualifiedName.of("mood")));
    assertEquals(4, catalog.enumLabels(QualifiedName.of("feeling")).orElseThrow().size());
    catalog.apply(one("DROP TYPE feeling"));
    assertEquals(Optional.empty(), catalog.enumLabels(QualifiedName.of("feeling")));
  }

  @Test
  void alterDomainChecksStoredValuesOnlyWhenItsTokensSaySo() {
    assertTrue(
        one("ALTER DOMAIN email ADD CONSTRAINT c CHECK (VALUE <> '')")
            .detail(DomainChange.class)
            .orElseThrow()
            .checksStoredValues());
    assertTrue(
        one("ALTER DOMAIN email SET NOT NULL")
            .detail(DomainChange.class)
            .orElseThrow()
            .checksStoredValues());
    assertFalse(
        one("ALTER DOMAIN email DROP NOT NULL /* was: SET NOT NULL */")
            .detail(DomainChange.class)
            .orElseThrow()
            .checksStoredValues(),
        "a comment is not a token");
    assertFalse(
        one("ALTER DOMAIN email RENAME TO mail")
            .detail(DomainChange.class)
            .orElseThrow()
            .checksStoredValues());
    var facts =
        new LockModel()
            .analyze(
                one("ALTER DOMAIN email VALIDATE CONSTRAINT c"), new Catalog(), LockContext.of(17));
    assertTrue(
        facts.notes().stream().anyMatch(n -> n.startsWith("ALTER DOMAIN")),
        facts.notes().toString());
  }
}
