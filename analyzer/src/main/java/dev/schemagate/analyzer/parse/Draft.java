package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mutable form of a {@link ParsedStatement} while a parser fills it in. */
final class Draft {
  StatementKind kind;
  QualifiedName target;
  final List<QualifiedName> relations = new ArrayList<>();
  final List<AlterAction> actions = new ArrayList<>();
  IndexDef index;
  final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
  final Map<String, String> attributes = new HashMap<>();

  Draft(StatementKind kind) {
    this.kind = kind;
  }

  Draft flag(Flag f) {
    flags.add(f);
    return this;
  }

  Draft flagIf(boolean condition, Flag f) {
    if (condition) {
      flags.add(f);
    }
    return this;
  }

  Draft attr(String name, String value) {
    if (value != null) {
      attributes.put(name, value);
    }
    return this;
  }

  Draft target(QualifiedName name) {
    target = name;
    return this;
  }

  Draft relation(QualifiedName name) {
    if (name != null && !relations.contains(name)) {
      relations.add(name);
    }
    return this;
  }

  ParsedStatement build(SqlStatement source, String parser) {
    List<QualifiedName> rel = new ArrayList<>(relations.size() + 1);
    if (target != null) {
      rel.add(target);
    }
    for (QualifiedName r : relations) {
      if (!rel.contains(r)) {
        rel.add(r);
      }
    }
    return new ParsedStatement(source, kind, target, rel, actions, index, flags, attributes, parser, null);
  }
}
