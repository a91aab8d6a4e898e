import { existsSync } from "node:fs";
import type { z } from "zod";
import { envSchema, SECRET_VARIABLES } from "./env-schema";

type ParsedEnv = z.output<typeof envSchema>;

/** The app's settings, validated, with every default applied. */
export type Env = ParsedEnv & {
  /** The address people open; defaults to http://localhost:$PORT. */
  APP_URL: string;
  /** Steps one worker process holds at once; defaults to 1.5 × LLM_CONCURRENCY. */
  EVOL_WORKER_CONCURRENCY: number;
};

export type RawEnv = Record<string, string | undefined>;

/** A bad setting; the message names every variable that is wrong and why. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      [
        "invalid configuration (environment or .env):",
        ...problems.map((p) => `  ${p.variable}: ${p.message}`),
        "Fix or unset these variables and start again (README, Configuration, lists every setting).",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

const VARIABLES = Object.keys(envSchema.shape);

/** Validates `raw` (an environment) into settings, or throws a ConfigError naming each bad variable. */
export function parseEnv(raw: RawEnv): Env {
  const picked = Object.fromEntries(VARIABLES.map((name) => [name, raw[name]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        const value = raw[variable];
        const shown = value !== undefined && !SECRET_VARIABLES.has(variable) ? ` (got "${clip(value)}")` : "";
        return { variable, message: `${issue.message}${shown}` };
      }),
    );
  }
  const env = parsed.data;
  return {
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    EVOL_WORKER_CONCURRENCY: env.EVOL_WORKER_CONCURRENCY ?? Math.ceil(env.LLM_CONCURRENCY * 1.5),
  };
}

const clip = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);

let cached: { key: string; env: Env } | undefined;

/**
 * This process's settings. Parsed once, and again only if a variable changed
 * since (the launcher sets DATABASE_URL after starting Postgres; test
 * fixtures point DATABASE_URL at their own database).
 */
export function getEnv(): Env {
  const key = VARIABLES.map((name) => process.env[name] ?? "\u0001").join("\u0000");
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/**
 * For entry points (launcher, worker, CLIs): loads `.env` when present, then
 * validates the whole environment before anything starts.
 */
export function loadEnv(file = ".env"): Env {
  if (existsSync(file)) process.loadEnvFile(file);
  return getEnv();
}
