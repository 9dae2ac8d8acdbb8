package dev.schemagate.cli.newversion;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.cli.ExitCodes;
import dev.schemagate.operations.MultiVersionOperation;
import dev.schemagate.operations.NewVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.op.AddCheck;
import dev.schemagate.operations.op.AddColumn;
import dev.schemagate.operations.op.AddForeignKey;
import dev.schemagate.operations.op.AddUnique;
import dev.schemagate.operations.op.ChangeType;
import dev.schemagate.operations.op.DropColumn;
import dev.schemagate.operations.op.MergeColumns;
import dev.schemagate.operations.op.RenameColumn;
import dev.schemagate.operations.op.RenameTable;
import dev.schemagate.operations.op.SetNotNull;
import dev.schemagate.operations.op.SplitColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schemagate new OPERATION ARGS…}: writes the next version folder of a track, generated from
 * the track's replayed catalog (docs/operations.md). One subcommand per operation.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description =
        "Write the next version of a track for a change people fear: expand, backfill, verify, contract and rollback, generated from the track's history (docs/operations.md).",
    subcommands = {
      NewCommand.RenameColumnCmd.class,
      NewCommand.ChangeTypeCmd.class,
      NewCommand.AddColumnCmd.class,
      NewCommand.SetNotNullCmd.class,
      NewCommand.AddCheckCmd.class,
      NewCommand.AddForeignKeyCmd.class,
      NewCommand.AddUniqueCmd.class,
      NewCommand.DropColumnCmd.class,
      NewCommand.RenameTableCmd.class,
      NewCommand.SplitColumnCmd.class,
      NewCommand.MergeColumnsCmd.class
    })
public final class NewCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Options every operation takes. */
  static final class Target {
    @Option(
        names = "--repo",
        description = "the schemagate repository (default: the current directory)")
    Path repo = Path.of(".");

    @Option(names = "--track", description = "the track to write to (default: the only one)")
    String track;
  }

  /** Generates, writes and lists the files. */
  abstract static class Base implements Callable<Integer> {
    @Mixin Target target;
    @Spec CommandSpec spec;

    abstract MultiVersionOperation operation();

    @Override
    public Integer call() {
      MigrationRepository repo = MigrationRepository.load(target.repo.toAbsolutePath().normalize());
      Track track = NewVersion.track(repo, target.track);
      List<Path> written = NewVersion.write(repo, track, operation());
      for (Path p : written) {
        spec.commandLine().getOut().println("wrote " + repo.root().relativize(p));
      }
      spec.commandLine()
          .getOut()
          .println(
              "Read the header of each file: it says what the phase does and what the application"
                  + " must do before the next one. Then run: schemagate check");
      return ExitCodes.OK;
    }
  }

  abstract static class Single extends Base {
    abstract Operation single();

    @Override
    MultiVersionOperation operation() {
      return MultiVersionOperation.of(single());
    }
  }

  @Command(
      name = "rename-column",
      mixinStandardHelpOptions = true,
      description =
          "Rename a column: new column, two-way sync trigger, backfill, contract drops the old one.")
  static final class RenameColumnCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "OLD")
    String from;

    @Parameters(index = "2", paramLabel = "NEW")
    String to;

    @Override
    Operation single() {
      return new RenameColumn(table, from, to);
    }
  }

  @Command(
      name = "change-type",
      mixinStandardHelpOptions = true,
      description = "Change a column's type online (two versions: fill a new column, then swap).")
  static final class ChangeTypeCmd extends Base {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Parameters(index = "2", paramLabel = "TYPE")
    String type;

    @Option(
        names = "--using",
        paramLabel = "EXPR",
        description = "how the new value follows from the old column (default: a cast)")
    String using;

    @Override
    MultiVersionOperation operation() {
      return new ChangeType(table, column, type, using);
    }
  }

  @Command(
      name = "add-column",
      mixinStandardHelpOptions = true,
      description = "Add a column, optionally NOT NULL with a default, optionally backfilled.")
  static final class AddColumnCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Parameters(index = "2", paramLabel = "TYPE")
    String type;

    @Option(names = "--default", paramLabel = "EXPR")
    String defaultExpr;

    @Option(names = "--not-null")
    boolean notNull;

    @Option(
        names = "--backfill",
        paramLabel = "EXPR",
        description = "value for the rows that exist, filled in batches")
    String backfill;

    @Override
    Operation single() {
      return new AddColumn(table, column, type, defaultExpr, notNull, backfill);
    }
  }

  @Command(
      name = "set-not-null",
      mixinStandardHelpOptions = true,
      description = "Make a column NOT NULL without a blocking scan (contract, verified first).")
  static final class SetNotNullCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Override
    Operation single() {
      return new SetNotNull(table, column);
    }
  }

  @Command(
      name = "add-check",
      mixinStandardHelpOptions = true,
      description = "Add a CHECK constraint: NOT VALID, then VALIDATE (contract, verified first).")
  static final class AddCheckCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "EXPR")
    String expression;

    @Override
    Operation single() {
      return new AddCheck(table, name, expression);
    }
  }

  @Command(
      name = "add-foreign-key",
      mixinStandardHelpOptions = true,
      description = "Add a foreign key: its index concurrently, then NOT VALID and VALIDATE.")
  static final class AddForeignKeyCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Parameters(index = "2", paramLabel = "REF", description = "TABLE or TABLE(COLUMN)")
    String reference;

    @Override
    Operation single() {
      return new AddForeignKey(table, column, reference);
    }
  }

  @Command(
      name = "add-unique",
      mixinStandardHelpOptions = true,
      description = "Add a unique constraint: the index concurrently, then USING INDEX.")
  static final class AddUniqueCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1..*", paramLabel = "COLUMN")
    List<String> columns = new ArrayList<>();

    @Override
    Operation single() {
      return new AddUnique(table, columns);
    }
  }

  @Command(
      name = "drop-column",
      mixinStandardHelpOptions = true,
      description = "Drop a column in a contract, once no running code uses it.")
  static final class DropColumnCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Override
    Operation single() {
      return new DropColumn(table, column);
    }
  }

  @Command(
      name = "rename-table",
      mixinStandardHelpOptions = true,
      description = "Rename a table, keeping the old name as an updatable view until the contract.")
  static final class RenameTableCmd extends Single {
    @Parameters(index = "0", paramLabel = "OLD")
    String from;

    @Parameters(index = "1", paramLabel = "NEW")
    String to;

    @Override
    Operation single() {
      return new RenameTable(from, to);
    }
  }

  @Command(
      name = "split-column",
      mixinStandardHelpOptions = true,
      description = "Split a column into several, synced both ways during the window.")
  static final class SplitColumnCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN")
    String column;

    @Option(
        names = "--into",
        required = true,
        paramLabel = "NAME:TYPE=UP",
        description = "a new column, its type and its value over the old column; repeat")
    List<String> into = new ArrayList<>();

    @Option(
        names = "--down",
        required = true,
        paramLabel = "EXPR",
        description = "the old column's value over the new ones")
    String down;

    @Override
    Operation single() {
      List<SplitColumn.Part> parts = new ArrayList<>();
      for (String s : into) {
        ColumnSpec c = ColumnSpec.parse("--into", s);
        parts.add(new SplitColumn.Part(c.name(), c.type(), c.expression()));
      }
      return new SplitColumn(table, column, parts, down);
    }
  }

  @Command(
      name = "merge-columns",
      mixinStandardHelpOptions = true,
      description = "Merge several columns into one, synced both ways during the window.")
  static final class MergeColumnsCmd extends Single {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Parameters(index = "1", paramLabel = "COLUMN,COLUMN…", split = ",")
    List<String> columns = new ArrayList<>();

    @Option(names = "--into", required = true, paramLabel = "NAME:TYPE=UP")
    String into;

    @Option(
        names = "--down",
        required = true,
        paramLabel = "EXPR",
        description = "each old column's value over the new one, in order; repeat")
    List<String> down = new ArrayList<>();

    @Override
    Operation single() {
      ColumnSpec c = ColumnSpec.parse("--into", into);
      return new MergeColumns(table, columns, c.name(), c.type(), c.expression(), down);
    }
  }
}
