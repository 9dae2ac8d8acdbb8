package dev.schemagate.analyzer.repo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plain SQL files given on the command line, outside a schemagate repository, taken as one history:
 * each argument in the order given; inside a folder, every {@code *.sql} file below it in {@link
 * NaturalPathOrder}. Down migrations ({@code *.down.sql}, golang-migrate) and Flyway undo
 * migrations ({@code U<n>__*.sql}) found in folders are skipped: they do not belong to the forward
 * history. A file named explicitly is always taken.
 */
public record SqlFileSet(List<SqlFile> files) {

  private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d+(?:[._]\\d+)*__.*\\.sql");

  public SqlFileSet {
    files = List.copyOf(files);
  }

  /**
   * Reads the files.
   *
   * @throws RepositoryException when a path does not exist, a folder holds no SQL file, or a file
   *     cannot be read as UTF-8
   */
  public static SqlFileSet of(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no paths given");
    }
    List<SqlFile> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path given : paths) {
      String shown = given.toString();
      if (Files.isRegularFile(given)) {
        add(given, shown, files, seen);
      } else if (Files.isDirectory(given)) {
        List<Path> found = sqlFilesBelow(given);
        if (found.isEmpty()) {
          throw new RepositoryException(shown, "no .sql file in this folder");
        }
        for (Path file : found) {
          add(file, display(given, file), files, seen);
        }
      } else {
        throw new RepositoryException(shown, "no such file or directory");
      }
    }
    return new SqlFileSet(files);
  }

  /** True for a file a folder scan skips: a down or undo migration. */
  static boolean isReverseMigration(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".down.sql")
        || FLYWAY_UNDO.matcher(fileName).matches();
  }

  private static void add(Path file, String shown, List<SqlFile> files, Set<Path> seen) {
    Path key = file.toAbsolutePath().normalize();
    if (seen.add(key)) {
      files.add(SqlFile.read(file, shown));
    }
  }

  private static String display(Path given, Path file) {
    String sep = given.getFileSystem().getSeparator();
    String relative = given.relativize(file).toString().replace(sep, "/");
    String base = given.toString().replace(sep, "/");
    if (base.isEmpty() || base.equals(".")) {
      return relative;
    }
    return base.endsWith("/") ? base + relative : base + "/" + relative;
  }

  private static List<Path> sqlFilesBelow(Path folder) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean hidden = !dir.equals(folder) && dir.getFileName().toString().startsWith(".");
              return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = file.getFileName().toString();
              if (attrs.isRegularFile()
                  && name.toLowerCase(Locale.ROOT).endsWith(".sql")
                  && !isReverseMigration(name)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new RepositoryException(
          folder.toString(), null, "cannot be read (" + e.getMessage() + ")", e);
    }
    String sep = folder.getFileSystem().getSeparator();
    found.sort(
        (a, b) ->
            NaturalPathOrder.INSTANCE.compare(
                folder.relativize(a).toString().replace(sep, "/"),
                folder.relativize(b).toString().replace(sep, "/")));
    return found;
  }
}
