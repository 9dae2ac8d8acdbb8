package dev.schemagate.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.watcher.git.RemoteUrl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void userInfoAndKnownSecretsAreRemoved() {
    Redactor r = new Redactor(List.of("s3cr3t-token"));
    assertEquals(
        "fetch https://***@github.com/o/r.git failed",
        r.redact("fetch https://bot:s3cr3t-token@github.com/o/r.git failed"));
    assertEquals("token *** leaked", r.redact("token s3cr3t-token leaked"));
    assertEquals("git://127.0.0.1:9418/r.git", r.redact("git://127.0.0.1:9418/r.git"));
    assertEquals("a@b.c wrote", r.redact("a@b.c wrote"), "an e-mail address is not a URL");
  }

  @Test
  void theRemoteUrlKeepsNoCredentials() {
    RemoteUrl url = RemoteUrl.parse("https://bot:s3cr3t-token@github.com/o/r.git", k -> null);
    assertEquals("https://github.com/o/r.git", url.url());
    assertEquals("bot", url.username());
    assertEquals("s3cr3t-token", url.password());
    assertEquals("https://github.com/o/r.git", url.toString());
    RemoteUrl fromEnv =
        RemoteUrl.parse(
            "https://github.com/o/r.git", Map.of(RemoteUrl.PASSWORD_ENV, "envtoken")::get);
    assertEquals("x-access-token", fromEnv.username());
    assertEquals("envtoken", fromEnv.password());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RemoteUrl.parse("/no/such/folder/anywhere", k -> null));
    assertTrue(e.getMessage().contains("neither a URL nor an existing folder"), e.getMessage());
  }
}
