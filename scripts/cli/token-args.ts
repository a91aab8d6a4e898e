import { parseArgs } from "node:util";
import { z } from "zod";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";

export const TOKEN_USAGE = `Usage: npm run token -- --as <email> --name <name> --scope read|write [options]

  --as EMAIL            the account the token acts as (with its role and projects)
  --name NAME           what the token is for, shown on its owner's API tokens page
  --scope read|write    read only looks; write may also change things
  --projects ID,...     limit the token to these projects (default: every project
                        the account reaches, now and later)
  --expires-days N      the token stops working after N days (default: never)

Prints only the token on stdout (it is shown this once; only its hash is kept),
everything else on stderr, so \`TOKEN=$(npm run -s token -- ...)\` works.`;

export interface TokenArgs {
  help: boolean;
  email: string;
  input: z.output<typeof createApiTokenSchema>;
}

const MAX_DAYS = 3650;

/** The flags as the token the app's form would create; a bad flag throws a message naming it. */
export function parseTokenArgs(argv: string[], now = new Date()): TokenArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: "boolean", short: "h" },
      as: { type: "string" },
      name: { type: "string" },
      scope: { type: "string" },
      projects: { type: "string", multiple: true },
      "expires-days": { type: "string" },
    },
    strict: true,
  });
  if (values.help)
    return { help: true, email: "", input: { name: "", scope: "read", expiresAt: null, projectIds: [] } };
  const email = z.email("--as must be an email address").safeParse(values.as?.trim().toLowerCase());
  if (!email.success) throw new Error(values.as ? "--as must be an email address" : "--as <email> is required");
  let expiresAt: Date | null = null;
  const days = values["expires-days"];
  if (days !== undefined) {
    if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_DAYS)
      throw new Error(`--expires-days must be a whole number from 1 to ${MAX_DAYS}`);
    expiresAt = new Date(now.getTime() + Number(days) * 24 * 60 * 60 * 1000);
  }
  const projectIds = (values.projects ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const parsed = createApiTokenSchema.safeParse({
    name: values.name ?? "",
    scope: values.scope,
    expiresAt,
    projectIds,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { name: "--name", scope: "--scope", projectIds: "--projects", expiresAt: "--expires-days" }[
      String(issue.path[0])
    ];
    throw new Error(`${flag ?? "argument"}: ${issue.message}`);
  }
  return { help: false, email: email.data, input: parsed.data };
}
