package dev.schemagate.webhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.contract.window.CompatibilityWindow;
import dev.schemagate.contract.window.Requirement;
import dev.schemagate.contract.window.WindowDecision;
import dev.schemagate.webhook.state.SchemaStateCache;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The window decision for progressive-delivery tools, from the same in-memory state as admission
 * (docs/webhook.md#progressive-delivery-verdict): is the schema version an application revision
 * requires live now?
 *
 * <ul>
 *   <li>{@code GET /verdict?requires=orders@8[,billing@3]}: always 200 with {@code {"allowed": …,
 *       "reason": …, "windows": …}} once the state is read (Argo Rollouts' web metric reads {@code
 *       $.allowed}); 400 for a malformed requirement; 503 before the first state was read.
 *   <li>{@code POST /verdict} with a Flagger webhook payload whose {@code metadata.requires} names
 *       the requirement: 200 when live, 403 with the reason when not (Flagger halts, or does not
 *       roll back, on anything but 2xx).
 * </ul>
 */
@Path("/verdict")
public class VerdictResource {

  private final SchemaStateCache cache;
  private final ObjectMapper mapper;

  @Inject
  public VerdictResource(SchemaStateCache cache, ObjectMapper mapper) {
    this.cache = cache;
    this.mapper = mapper;
  }

  @GET
  @NonBlocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@QueryParam("requires") String requires) {
    return decide(requires, false);
  }

  @POST
  @NonBlocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response post(byte[] body) {
    String requires;
    try {
      JsonNode payload = body == null || body.length == 0 ? null : mapper.readTree(body);
      JsonNode value = payload == null ? null : payload.path("metadata").get("requires");
      requires = value == null || !value.isTextual() ? null : value.asText();
    } catch (IOException e) {
      return error(
          400, "body is not JSON: expected a Flagger webhook payload with metadata.requires");
    }
    return decide(requires, true);
  }

  private Response decide(String requires, boolean statusFromDecision) {
    if (requires == null || requires.isBlank()) {
      return error(
          400,
          "name the schema version the revision requires: ?requires=<track>@<version>[,…] (or metadata.requires"
              + " in a Flagger webhook), e.g. orders@8");
    }
    List<Requirement> requirements;
    try {
      requirements = Requirement.parseAll(requires);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
    if (!cache.synced()) {
      return error(503, "no SchemaState has been read yet; the decision would be a guess");
    }
    Map<String, CompatibilityWindow> windows = cache.windows();
    WindowDecision d = CompatibilityWindow.checkAll(requirements, windows);
    ObjectNode out = mapper.createObjectNode();
    out.put("requires", requires);
    out.put("allowed", d.allowed());
    out.put("reason", d.message());
    ObjectNode w = out.putObject("windows");
    for (Requirement r : requirements) {
      CompatibilityWindow window = windows.get(r.track());
      if (window != null) {
        w.putObject(r.track())
            .put("contracted", window.lastContracted())
            .put("expanded", window.lastExpanded());
      }
    }
    int status = statusFromDecision && !d.allowed() ? 403 : 200;
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(out.toString()).build();
  }

  private Response error(int status, String message) {
    ObjectNode out = mapper.createObjectNode();
    out.put("allowed", false);
    out.put("error", message);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(out.toString()).build();
  }
}
