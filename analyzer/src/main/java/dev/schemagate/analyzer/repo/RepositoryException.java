package dev.schemagate.analyzer.repo;

/**
 * Bad input in a migration repository, a {@code schemagate.yaml}, a plain SQL path or a Git
 * comparison. The message is one line: {@code <file>[:<line>]: <what is wrong>}.
 *
 * <p>The file is shown relative to the repository root (as findings are), or as given on the
 * command line for plain SQL paths.
 */
public final class RepositoryException extends RuntimeException {

  private final String file;
  private final Integer line;
  private final String problem;

  public RepositoryException(String file, String problem) {
    this(file, null, problem, null);
  }

  public RepositoryException(String file, Integer line, String problem) {
    this(file, line, problem, null);
  }

  public RepositoryException(String file, Integer line, String problem, Throwable cause) {
    super(format(file, line, problem), cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file (or folder) at fault. */
  public String file() {
    return file;
  }

  /** 1-based line in {@link #file()}, or null when unknown or not applicable. */
  public Integer line() {
    return line;
  }

  /** What is wrong, without the file prefix. */
  public String problem() {
    return problem;
  }

  private static String format(String file, Integer line, String problem) {
    String oneLine = problem.replaceAll("\\s*\\R\\s*", " ");
    // A file name may hold a line break; show it escaped so the message stays one line.
    String name = file.replace("\r", "\\r").replace("\n", "\\n");
    return line == null ? name + ": " + oneLine : name + ":" + line + ": " + oneLine;
  }
}
