import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_METHODS, CODE_TEXTS, PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { ConflictError, InvalidInputError, NotFoundError } = await import("@/lib/server/errors");
const { PAPER_V1_ID } = await import("./method-ids");
const { resolveMethodVersion } = await import("./resolve-method-version");
const { loadMethodTexts } = await import("./load-method-texts");
const { copyMethod } = await import("./copy-method");
const { saveMethodVersion } = await import("./save-method-version");
const { listMethods } = await import("./list-methods");

let admin: TestUser;
const uniqueName = () => `mine-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  admin = await createTestUser("admin");
});

describe("built-in methods", () => {
  it("are stored by the migration with exactly the code's texts, as version 1", async () => {
    for (const builtin of BUILTIN_METHODS) {
      const resolved = await resolveMethodVersion({ method: builtin.name, version: 1 });
      expect(resolved.texts).toEqual(builtin.texts);
      const method = await getPrisma().method.findUniqueOrThrow({ where: { name: builtin.name } });
      expect(method.builtIn).toBe(true);
    }
    expect((await resolveMethodVersion({})).id).toBe(PAPER_V1_ID);
    expect(await loadMethodTexts({ methodVersionId: PAPER_V1_ID })).toEqual(PAPER_TEXTS);
  });

  it("cannot be given a new version", async () => {
    const code = await getPrisma().method.findUniqueOrThrow({ where: { name: "code" } });
    await expect(
      saveMethodVersion({ methodId: code.id, texts: CODE_TEXTS, note: "mine", actorId: admin.id }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("a version is immutable", () => {
  it("the database refuses to change one", async () => {
    await expect(
      getPrisma().methodVersion.update({ where: { id: PAPER_V1_ID }, data: { note: "changed" } }),
    ).rejects.toThrow(/immutable/);
    await expect(
      getPrisma().$executeRawUnsafe(`UPDATE method_versions SET texts = '{}' WHERE id = '${PAPER_V1_ID}'`),
    ).rejects.toThrow(/immutable/);
  });
});

describe("user methods", () => {
  it("copy any version, then save new versions; runs resolve the latest or the one asked for", async () => {
    const codeV1 = await resolveMethodVersion({ method: "code" });
    const name = uniqueName();
    const copy = await copyMethod({ fromVersionId: codeV1.id, name, description: "", actorId: admin.id });
    expect((await resolveMethodVersion({ method: name })).texts).toEqual(CODE_TEXTS);

    const edited = {
      ...CODE_TEXTS,
      operationMethods: { ...CODE_TEXTS.operationMethods, deepen: "Ask for a proof of correctness." },
    };
    const v2 = await saveMethodVersion({ methodId: copy.id, texts: edited, note: "deeper", actorId: admin.id });
    expect(v2.version).toBe(2);
    expect((await resolveMethodVersion({ method: name })).texts.operationMethods.deepen).toBe(
      "Ask for a proof of correctness.",
    );
    expect((await resolveMethodVersion({ method: name, version: 1 })).texts).toEqual(CODE_TEXTS);

    const listed = (await listMethods()).find((m) => m.name === name)!;
    expect(listed.builtIn).toBe(false);
    expect(listed.versions.map((v) => [v.version, v.note])).toEqual([
      [2, "deeper"],
      [1, "Copied from code v1."],
    ]);
    const audit = await getPrisma().auditEvent.findMany({
      where: { targetId: copy.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["method.copy", "method.version.save"]);
  });

  it("refuses a taken name, an unknown method and an unknown version", async () => {
    await expect(
      copyMethod({ fromVersionId: PAPER_V1_ID, name: "paper", description: "", actorId: admin.id }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(resolveMethodVersion({ method: "nope" })).rejects.toThrow(/no method named "nope"/);
    await expect(resolveMethodVersion({ method: "paper", version: 99 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
