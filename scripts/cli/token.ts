// `npm run token -- --as <email> --name <name> --scope read|write`: an API
// token for that account, made by the same service as the app's API tokens
// page (audited as made by its owner). Only the secret goes to stdout.
import { loadEnv } from "@/lib/server/config/env";
import { connectDatabase } from "./connect-database";
import { parseTokenArgs, TOKEN_USAGE } from "./token-args";

async function main() {
  loadEnv();
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    console.error(TOKEN_USAGE);
    process.exit(argv.length === 0 ? 2 : 0);
  }
  const args = parseTokenArgs(argv);
  const database = await connectDatabase((m) => console.error(`[evol] ${m}`));
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { createApiToken } = await import("@/lib/server/api-tokens/create-api-token");
  try {
    const user = await getPrisma().user.findUnique({ where: { email: args.email } });
    if (!user) throw new Error(`no account ${args.email}`);
    if (user.banned) throw new Error(`${args.email} is disabled; enable the account first`);
    const owner = { id: user.id, role: user.role === "admin" ? ("admin" as const) : ("annotator" as const) };
    const token = await createApiToken({ ...args.input, owner }).catch((error: unknown) => {
      // The only domain error: a project the account does not reach (or that does not exist).
      if (error instanceof Error && error.message === "Unknown project.")
        throw new Error(`--projects: ${args.email} has no project with one of these ids`);
      throw error;
    });
    console.error(
      `[token] created "${token.name}" (${token.scope}) for ${args.email}; copy it now, it is not shown again:`,
    );
    console.log(token.secret);
  } finally {
    await disconnectPrisma();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(`[token] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
