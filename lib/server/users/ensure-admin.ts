import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { createUserAccount } from "./create-user-account";

/**
 * On a database without an admin, creates one from ADMIN_EMAIL/ADMIN_PASSWORD,
 * or with a generated password that is printed this once.
 */
export async function ensureAdmin(options: {
  email?: string;
  password?: string;
  log: (message: string) => void;
}): Promise<{ created: boolean; email?: string }> {
  const existing = await getPrisma().user.count({ where: { role: "admin" } });
  if (existing > 0) return { created: false };
  const email = (options.email ?? getEnv().ADMIN_EMAIL).trim();
  const password = options.password || randomBytes(12).toString("base64url");
  await createUserAccount({ email, name: "Admin", password, role: "admin" });
  if (options.password) {
    options.log(`Created the first admin account: ${email} (password from ADMIN_PASSWORD).`);
  } else {
    options.log(
      [
        "",
        "  First admin account created — this password is shown only once:",
        `    email:    ${email}`,
        `    password: ${password}`,
        "  Sign in and keep it somewhere safe.",
        "",
      ].join("\n"),
    );
  }
  return { created: true, email };
}
