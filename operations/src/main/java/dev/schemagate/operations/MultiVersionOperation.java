package dev.schemagate.operations;

import java.util.List;

/** An operation as {@code schemagate new} runs it: one version, or several consecutive ones. */
public interface MultiVersionOperation {

  List<GeneratedVersion> generateAll(OperationContext context);

  /** A single-version operation. */
  static MultiVersionOperation of(Operation op) {
    return ctx -> List.of(op.generate(ctx));
  }
}
