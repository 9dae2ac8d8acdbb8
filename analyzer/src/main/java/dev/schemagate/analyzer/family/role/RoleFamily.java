package dev.schemagate.analyzer.family.role;

import dev.schemagate.analyzer.family.CreateRecognizer;
import dev.schemagate.analyzer.family.Recognizer;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.parse.Shapes;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Map;
import java.util.Set;

/**
 * Roles and privileges: CREATE/ALTER/DROP ROLE (USER, GROUP), GRANT, REVOKE, ALTER DEFAULT
 * PRIVILEGES. Nothing to replay.
 */
public final class RoleFamily implements StatementFamily {

  @Override
  public Set<StatementKind> kinds() {
    return Set.of(
        StatementKind.CREATE_ROLE,
        StatementKind.ALTER_ROLE,
        StatementKind.DROP_ROLE,
        StatementKind.GRANT,
        StatementKind.REVOKE,
        StatementKind.ALTER_DEFAULT_PRIVILEGES);
  }

  @Override
  public Map<String, Recognizer> leadWords() {
    return Map.of("grant", GrantRecognizer::recognize, "revoke", GrantRecognizer::recognize);
  }

  @Override
  public Map<String, CreateRecognizer> createWords() {
    return Map.of(
        "role",
        RoleRecognizer::create,
        "group",
        RoleRecognizer::create,
        "user",
        RoleRecognizer::create);
  }

  @Override
  public Map<String, Recognizer> alterWords() {
    return Map.of(
        "role",
        RoleRecognizer::alter,
        "group",
        RoleRecognizer::alter,
        "user",
        RoleRecognizer::alter,
        "default",
        RoleRecognizer::alterDefault);
  }

  @Override
  public Map<String, Recognizer> dropWords() {
    Recognizer drop = c -> Shapes.dropList(c, StatementKind.DROP_ROLE);
    return Map.of("role", drop, "user", drop, "group", drop);
  }

  @Override
  public void lockFacts(ParsedStatement st, StatementLocks locks) {
    RoleLocks.of(st, locks);
  }
}
