package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementDetail;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mutable form of a {@link ParsedStatement} while a parser fills it in. */
public final class Draft {
  public StatementKind kind;
  public QualifiedName target;
  public final List<QualifiedName> relations = new ArrayList<>();
  public final List<AlterAction> actions = new ArrayList<>();
  public IndexDef index;
  public final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
  public final Map<String, String> attributes = new HashMap<>();

  /** The family's typed data (see {@link StatementDetail}). */
  public StatementDetail detail;

  public Draft(StatementKind kind) {
    this.kind = kind;
  }

  public Draft flag(Flag f) {
    flags.add(f);
    return this;
  }

  public Draft flagIf(boolean condition, Flag f) {
    if (condition) {
      flags.add(f);
    }
    return this;
  }

  public Draft attr(String name, String value) {
    if (value != null) {
      attributes.put(name, value);
    }
    return this;
  }

  public Draft detail(StatementDetail value) {
    detail = value;
    return this;
  }

  public Draft target(QualifiedName name) {
    target = name;
    return this;
  }

  public Draft relation(QualifiedName name) {
    if (name != null && !relations.contains(name)) {
      relations.add(name);
    }
    return this;
  }

  public ParsedStatement build(SqlStatement source, String parser) {
    List<QualifiedName> rel = new ArrayList<>(relations.size() + 1);
    if (target != null) {
      rel.add(target);
    }
    for (QualifiedName r : relations) {
      if (!rel.contains(r)) {
        rel.add(r);
      }
    }
    return new ParsedStatement(
        source, kind, target, rel, actions, index, flags, attributes, detail, parser, null);
  }
}
