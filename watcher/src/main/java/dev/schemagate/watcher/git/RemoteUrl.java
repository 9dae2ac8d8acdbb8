package dev.schemagate.watcher.git;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The repository to watch, with its credentials split off: {@link #url()} never carries them, so it
 * may be logged and shown. Credentials come from the URL's user-info ({@code
 * https://user:token@host/…}) or, when it has none, from {@code SCHEMAGATE_GIT_PASSWORD} (with
 * {@code SCHEMAGATE_GIT_USERNAME}, default {@code x-access-token}, which GitHub accepts for
 * tokens), or from a password file ({@code --git-password-file}). A password in the URL is taken,
 * but it is visible to anyone who can list the host's processes: {@link #passwordInUrl()} says so.
 */
public record RemoteUrl(String url, String username, String password, boolean passwordInUrl) {

  public static final String USERNAME_ENV = "SCHEMAGATE_GIT_USERNAME";
  public static final String PASSWORD_ENV = "SCHEMAGATE_GIT_PASSWORD";

  /** Parses {@code --repo}: a URL or a local path. */
  public static RemoteUrl parse(String given, java.util.function.Function<String, String> env) {
    return parse(given, env, null);
  }

  /**
   * Parses {@code --repo}, taking the password from {@code passwordFile} (its first line) when
   * given.
   *
   * @throws IllegalArgumentException when the file cannot be read or is empty
   */
  public static RemoteUrl parse(
      String given, java.util.function.Function<String, String> env, Path passwordFile) {
    String filed = passwordFile == null ? null : readPassword(passwordFile);
    RemoteUrl parsed = parseUrl(given, env);
    if (filed == null || parsed.url().startsWith("file:")) {
      return parsed;
    }
    if (parsed.passwordInUrl()) {
      throw new IllegalArgumentException(
          "--repo holds a password and --git-password-file gives one too: remove the one"
              + " from the URL");
    }
    String user =
        parsed.username() != null
            ? parsed.username()
            : env.apply(USERNAME_ENV) != null ? env.apply(USERNAME_ENV) : "x-access-token";
    return new RemoteUrl(parsed.url(), user, filed, false);
  }

  private static String readPassword(Path file) {
    try {
      String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
      if (first.isEmpty()) {
        throw new IllegalArgumentException(
            "--git-password-file " + file + " is empty: put the token on its first line");
      }
      return first;
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(
          "--git-password-file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); give a readable file whose first line is the token");
    }
  }

  private static RemoteUrl parseUrl(String given, java.util.function.Function<String, String> env) {
    if (given == null || given.isBlank()) {
      throw new IllegalArgumentException("--repo is empty: give a Git URL or a local path");
    }
    String text = given.trim();
    if (!text.contains("://") && !text.matches("^[^/]+@[^/:]+:.*")) {
      Path local = Path.of(text).toAbsolutePath().normalize();
      if (!Files.isDirectory(local)) {
        throw new IllegalArgumentException(
            "--repo " + local + " is neither a URL nor an existing folder");
      }
      return new RemoteUrl(local.toUri().toString(), null, null, false);
    }
    URIish uri;
    try {
      uri = new URIish(text);
    } catch (URISyntaxException e) {
      // The message quotes the URL, which may hold a password: name only the problem.
      throw new IllegalArgumentException("--repo is not a valid Git URL (" + e.getReason() + ")");
    }
    String user = uri.getUser();
    String pass = uri.getPass();
    boolean inUrl = pass != null && !pass.isEmpty();
    String bare = uri.setUser(null).setPass(null).toString();
    if (pass == null && env.apply(PASSWORD_ENV) != null && !env.apply(PASSWORD_ENV).isEmpty()) {
      pass = env.apply(PASSWORD_ENV);
      user =
          user != null
              ? user
              : env.apply(USERNAME_ENV) != null ? env.apply(USERNAME_ENV) : "x-access-token";
    }
    if (uri.getScheme() != null && uri.getScheme().startsWith("ssh")
        || text.matches("^[^/]+@[^/:]+:.*")) {
      // ssh: user-info is the login name, keys come from ~/.ssh; keep the URL as given.
      return new RemoteUrl(text, null, null, false);
    }
    return new RemoteUrl(bare, user, pass, inUrl);
  }

  /** For JGit, or null when no credentials were given. */
  public CredentialsProvider credentials() {
    if (password == null) {
      return null;
    }
    return new UsernamePasswordCredentialsProvider(username == null ? "" : username, password);
  }

  @Override
  public String toString() {
    return url; // never the credentials
  }
}
