import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canAccess, ensurePostgresUser, findPostgresUser, isRoot } from "./postgres-user";

const scratch = await mkdtemp(path.join(tmpdir(), "evol-access-"));
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Only root can run a check as another user; as anyone else none of this is used.
describe.skipIf(!isRoot())("the postgres user's access, asked as that user", () => {
  it("ensurePostgresUser returns the existing user, which is not root", async () => {
    const user = await ensurePostgresUser();
    expect(user).toEqual(await findPostgresUser());
    expect(user.uid).not.toBe(0);
  });

  it("cannot enter a folder only root can, nor anything below it; can enter an open one", async () => {
    const user = (await findPostgresUser())!;
    const closed = path.join(scratch, "closed");
    await mkdir(path.join(closed, "open-inside"), { recursive: true });
    await chmod(closed, 0o700);
    await chmod(path.join(closed, "open-inside"), 0o777);
    expect(await canAccess(user, [["-x", closed]])).toBe(false);
    expect(await canAccess(user, [["-x", path.join(closed, "open-inside")]])).toBe(false);
    expect(await canAccess(user, [["-x", scratch]])).toBe(true);
  });

  it("can write what it owns, not what root owns, and every check must pass", async () => {
    const user = (await findPostgresUser())!;
    const own = path.join(scratch, "own");
    const roots = path.join(scratch, "roots");
    await writeFile(own, "");
    await writeFile(roots, "");
    await chown(own, user.uid, user.gid);
    await chmod(own, 0o600);
    await chmod(roots, 0o644);
    expect(await canAccess(user, [["-w", own]])).toBe(true);
    expect(await canAccess(user, [["-r", roots]])).toBe(true);
    expect(await canAccess(user, [["-w", roots]])).toBe(false);
    expect(
      await canAccess(user, [
        ["-w", own],
        ["-w", roots],
      ]),
    ).toBe(false);
  });
});
