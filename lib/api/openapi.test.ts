// How the OpenAPI document groups endpoints into resources (its tags, the
// reference page's sections) and names their operations (the page's anchors).
import { describe, expect, it } from "vitest";
import { operationIdOf, tagOf } from "./openapi";

describe("tagOf", () => {
  it.each([
    ["/api/v1/projects", "projects"],
    ["/api/v1/projects/{projectId}", "projects"],
    ["/api/v1/projects/{projectId}/seeds", "seeds"],
    ["/api/v1/projects/{projectId}/nodes", "nodes"],
    ["/api/v1/nodes/{nodeId}/tree", "nodes"],
    ["/api/v1/nodes/{nodeId}/decision", "decisions"],
    ["/api/v1/projects/{projectId}/decisions/bulk/{bulkId}/undo", "decisions"],
    ["/api/v1/projects/{projectId}/runs", "runs"],
    ["/api/v1/runs/{runId}/pause", "runs"],
    ["/api/v1/exports/{exportId}/file", "exports"],
    ["/api/v1/exports/{exportId}/links/{linkId}", "links"],
    ["/api/v1/links/{secret}/{fileName}", "links"],
    ["/api/v1/projects/{projectId}/methods", "methods"],
    ["/api/v1/eval-sets/{id}", "eval-sets"],
  ])("%s → %s", (path, tag) => expect(tagOf(path)).toBe(tag));
});

describe("operationIdOf", () => {
  it("is the method and the path's words, segments without braces", () => {
    expect(operationIdOf("GET", "/api/v1/projects/{projectId}")).toBe("get_projects_projectId");
    expect(operationIdOf("HEAD", "/api/v1/links/{secret}/{fileName}")).toBe("head_links_secret_fileName");
    expect(operationIdOf("POST", "/api/v1/eval-sets")).toBe("post_eval_sets");
  });
});
