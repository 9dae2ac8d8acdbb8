package dev.schemagate.analyzer.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.family.session.SettingChange;
import dev.schemagate.analyzer.lock.PhaseAnalyzer;
import dev.schemagate.analyzer.repo.BaseFacts;
import dev.schemagate.analyzer.repo.PhaseKind;
import dev.schemagate.analyzer.repo.PolicySettings;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the policy input of one file, exactly as docs/policy-input.md describes it. */
final class PolicyInputBuilder {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Where a file sits in the repository; the phase fields are null for a plain SQL file, and so is
   * {@code transactional} when the file does not declare it.
   */
  record FileInfo(
      String path,
      String track,
      Integer version,
      String name,
      PhaseKind phase,
      Boolean transactional) {}

  private PolicyInputBuilder() {}

  static JsonNode build(
      FileInfo file,
      int pgVersion,
      String defaultSchema,
      PolicySettings policy,
      BaseFacts base,
      PhaseAnalyzer.Result analysis) {
    var root = JSON.objectNode();
    var f = root.putObject("file");
    f.put("path", file.path());
    f.put("track", file.track());
    f.put("version", file.version());
    f.put("name", file.name());
    f.put("phase", file.phase() == null ? null : file.phase().id());
    f.put("transactional", file.transactional());
    root.put("pg_version", pgVersion);
    var config = root.putObject("config");
    config.put("runner_sets_lock_timeout", policy.runnerSetsLockTimeout());
    config.set("thresholds", thresholds(policy.thresholds()));
    var b = root.putObject("base");
    b.put("compared", base.compared());
    b.put("applied_file_changed", base.appliedFileChanged());
    b.put("file_removed", base.removed());
    b.put("new_version", base.newVersion());
    if (base.compared()) {
      b.put("max_version_on_base", base.maxVersionOnBase());
    } else {
      b.putNull("max_version_on_base");
    }
    ArrayNode statements = root.putArray("statements");
    List<StatementFacts> facts = analysis.facts();
    for (int i = 0; i < facts.size(); i++) {
      statements.add(statement(i, facts.get(i), defaultSchema, analysis));
    }
    return root;
  }

  private static JsonNode thresholds(Map<String, Object> thresholds) {
    var node = JSON.objectNode();
    thresholds.forEach((k, v) -> node.set(k, JSON.pojoNode(v)));
    return node;
  }

  private static JsonNode statement(
      int index, StatementFacts facts, String defaultSchema, PhaseAnalyzer.Result analysis) {
    ParsedStatement st = facts.statement();
    var s = JSON.objectNode();
    s.put("index", index);
    s.put("line", st.source().line());
    s.put("column", st.source().column());
    s.put("end_line", st.source().endLine());
    s.put("kind", st.kindId());
    s.put("statement_kind", st.kind().id());
    String target = st.target() == null ? null : st.target().inSchema(defaultSchema).toString();
    s.put("target", target);
    s.put("target_is_new", target != null && facts.newRelations().contains(target));
    ArrayNode flags = s.putArray("flags");
    for (Flag flag : st.flags()) {
      flags.add(flag.name().toLowerCase(Locale.ROOT));
    }
    ArrayNode actions = s.putArray("actions");
    for (AlterAction a : st.actions()) {
      actions.add(action(a, st, defaultSchema, analysis));
      // A column may carry several inline constraints; the action holds the first, the rest follow
      // as add_constraint actions so that no rule misses one.
      if (a.columnDef() != null) {
        List<ConstraintDef> inline = a.columnDef().constraints();
        for (int c = 1; c < inline.size(); c++) {
          actions.add(
              inlineConstraint(
                  a.columnDef(),
                  withColumn(inline.get(c), a.columnDef()),
                  st,
                  defaultSchema,
                  analysis));
        }
      }
    }
    ArrayNode locks = s.putArray("locks");
    for (RelationLock l : facts.locks()) {
      var lock = locks.addObject();
      lock.put("relation", l.relation());
      lock.put("mode", l.mode().pgName());
      lock.put("new", facts.newRelations().contains(l.relation()));
    }
    s.put("rewrite", facts.rewrite());
    s.put("scan", facts.scan());
    s.put("transactional", facts.transactional());
    s.put("version_error", facts.versionError());
    if (st.kind() == StatementKind.SET || st.kind() == StatementKind.RESET) {
      var setting = s.putObject("setting");
      SettingChange change = st.detail(SettingChange.class).orElse(new SettingChange(null, null));
      setting.put("name", change.setting());
      setting.put("value", change.value());
      setting.put("local", st.has(Flag.LOCAL));
    } else {
      s.putNull("setting");
    }
    s.put("unparsed_reason", st.kind() == StatementKind.UNPARSED ? st.reason() : null);
    ArrayNode waivers = s.putArray("waivers");
    for (Directive d : st.source().directives()) {
      if (d.verb().equals("allow")) {
        var w = waivers.addObject();
        w.put("rule", d.argument() == null ? "" : d.argument());
        w.put("reason", d.options().getOrDefault("reason", ""));
      }
    }
    return s;
  }

  /**
   * A column's second and later inline constraints, as an add_constraint action with every field
   * present.
   */
  private static JsonNode inlineConstraint(
      ColumnDef col,
      ConstraintDef c,
      ParsedStatement st,
      String defaultSchema,
      PhaseAnalyzer.Result analysis) {
    var node = JSON.objectNode();
    node.put("kind", "add_constraint");
    node.put("column", col.name());
    node.putNull("type");
    node.putNull("type_raw");
    node.putArray("type_modifiers");
    node.put("array", false);
    node.put("not_null", false);
    node.putNull("default");
    node.put("generated", "none");
    node.set("constraint", constraint(c, st, defaultSchema, analysis));
    node.putNull("name");
    node.putNull("new_name");
    node.put("concurrently", false);
    node.set("fk_columns_indexed", bool(analysis.fkColumnsIndexed(st, c)));
    return node;
  }

  private static JsonNode action(
      AlterAction a, ParsedStatement st, String defaultSchema, PhaseAnalyzer.Result analysis) {
    var node = JSON.objectNode();
    node.put("kind", a.kind().id());
    ColumnDef col = a.columnDef();
    node.put("column", a.column() != null ? a.column() : col == null ? null : col.name());
    var type = a.type() != null ? a.type() : col == null ? null : col.type();
    node.put("type", type == null ? null : type.name());
    node.put("type_raw", type == null ? null : type.raw());
    ArrayNode mods = node.putArray("type_modifiers");
    if (type != null) {
      type.modifiers().forEach(mods::add);
    }
    node.put("array", type != null && type.arrayDimensions() > 0);
    node.put("not_null", col != null && col.notNull());
    // Only a column definition says how its default behaves; SET DEFAULT affects new rows only.
    Volatility volatility = col == null ? Volatility.NONE : col.defaultVolatility();
    node.put(
        "default",
        switch (volatility) {
          case NONE -> null;
          case CONSTANT -> "constant";
          case VOLATILE -> "volatile";
        });
    node.put("generated", col == null ? "none" : col.generated().name().toLowerCase(Locale.ROOT));
    ConstraintDef constraint =
        a.constraint() != null
            ? a.constraint()
            : col != null && !col.constraints().isEmpty()
                ? withColumn(col.constraints().get(0), col)
                : null;
    node.set(
        "constraint",
        constraint == null ? JSON.nullNode() : constraint(constraint, st, defaultSchema, analysis));
    node.put("name", a.name());
    node.put("new_name", a.newName());
    node.put("concurrently", a.concurrently());
    node.set(
        "fk_columns_indexed",
        bool(constraint == null ? null : analysis.fkColumnsIndexed(st, constraint)));
    return node;
  }

  private static JsonNode constraint(
      ConstraintDef c, ParsedStatement st, String defaultSchema, PhaseAnalyzer.Result analysis) {
    var node = JSON.objectNode();
    node.put("type", c.type().name().toLowerCase(Locale.ROOT));
    node.put("name", c.name());
    ArrayNode cols = node.putArray("columns");
    c.columns().forEach(cols::add);
    QualifiedName ref = c.referencedTable();
    node.put("referenced_table", ref == null ? null : ref.inSchema(defaultSchema).toString());
    node.put("not_valid", c.notValid());
    node.put("using_index", c.usingIndex());
    node.set("fk_columns_indexed", bool(analysis.fkColumnsIndexed(st, c)));
    return node;
  }

  private static ConstraintDef withColumn(ConstraintDef c, ColumnDef col) {
    if (!c.columns().isEmpty()) {
      return c;
    }
    return new ConstraintDef(
        c.name(),
        c.type(),
        List.of(col.name()),
        c.expression(),
        c.referencedTable(),
        c.referencedColumns(),
        c.notValid(),
        c.usingIndex(),
        c.onDelete(),
        c.deferrable());
  }

  private static JsonNode bool(Boolean b) {
    return b == null ? JSON.nullNode() : JSON.booleanNode(b);
  }
}
