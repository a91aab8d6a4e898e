import { isIP } from "node:net";
import { z } from "zod";
import { parseProxyEntry } from "@/lib/server/http/client-address";
import { DEFAULT_MAX_FIELD_CHARS, MAX_FIELD_CHARS_CEILING } from "@/lib/text/field-length";

// Every setting the app reads from its environment, with its one default.
// README "Configuration" documents the same list; keep them together.
// A blank value counts as unset (`FOO=` in a .env file, or an empty override).

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number (${min} or more)`)
    .transform(Number)
    .pipe(z.number().min(min, `must be ${min} or more`).max(max, `must be at most ${max}`));

const decimal = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?(\d+\.?\d*|\.\d+)$/, "must be a number")
    .transform(Number)
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));

const switchValue = z.enum(["0", "1"], { error: "must be 0 (off) or 1 (on)" }).transform((v) => v === "1");

const httpUrl = z
  .string()
  .trim()
  .url({ error: "must be a URL such as http://localhost:3000" })
  .refine((v) => /^https?:\/\//i.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/./i.test(v), "must be a connection string such as postgresql://user:pass@host/db");

const json = <T extends z.ZodType>(schema: T, example: string) =>
  z.string().transform((raw, ctx): z.output<T> => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be JSON, e.g. ${example}` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
      ctx.addIssue({ code: "custom", message: `is not valid${where}: ${issue?.message ?? "unexpected shape"}` });
      return z.NEVER;
    }
    return parsed.data;
  });

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: string) =>
  z.preprocess((v) => blank(v) ?? fallback, schema);

export const modelSettingsSchema = z.record(
  z.string(),
  z.strictObject({
    tokenParam: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
    sampling: z.boolean().optional(),
  }),
);

export const modelPricesSchema = z.record(
  z.string(),
  z.strictObject({ promptPerMillion: z.number().min(0), completionPerMillion: z.number().min(0) }),
);

const rateLimit = z
  .string()
  .trim()
  .regex(/^\d+\/\d+$/, 'must be "attempts/seconds", e.g. 10/60')
  .transform((v) => {
    const [max, window] = v.split("/").map(Number) as [number, number];
    return { max, window };
  })
  .refine((v) => v.max >= 1 && v.window >= 1, "both numbers must be 1 or more");

// An interface to listen on: an IP address or a host name such as localhost.
const host = z
  .string()
  .trim()
  .refine(
    (v) =>
      isIP(v.replace(/^\[(.*)\]$/, "$1")) !== 0 ||
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(v),
    "must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name",
  )
  .transform((v) => v.replace(/^\[(.*)\]$/, "$1"));

const proxyList = z.string().transform((raw, ctx) => {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !parseProxyEntry(entry));
  if (bad.length > 0) {
    ctx.addIssue({ code: "custom", message: `must list IP addresses or CIDR ranges (not ${bad.join(", ")})` });
    return z.NEVER;
  }
  return entries;
});

export const envSchema = z.object({
  // Database
  DATABASE_URL: optional(postgresUrl),
  DATABASE_POOL_SIZE: withDefault(wholeNumber(1, 1000), "10"),
  // How long an evolution step's statement waits for the database's reply before
  // its connection is given up as lost: a host black-holed mid-statement fails the step's attempt, not hangs it.
  DATABASE_REPLY_TIMEOUT_MS: withDefault(wholeNumber(100, 3_600_000), "60000"),
  // Named (prepared) statements, planned once per connection (decision 0041): the evolution steps' only, all, or none.
  DATABASE_PREPARED_STATEMENTS: withDefault(
    z.enum(["steps", "all", "off"], { error: "must be steps, all or off" }),
    "steps",
  ),
  EMBEDDED_POSTGRES_PORT: withDefault(wholeNumber(1, 65535), "54329"),
  EVOL_DATA_DIR: withDefault(z.string(), ".data"),
  // Web app and accounts
  PORT: withDefault(wholeNumber(1, 65535), "3000"),
  HOST: withDefault(host, "127.0.0.1"),
  TRUSTED_PROXIES: withDefault(proxyList, ""),
  APP_URL: optional(httpUrl),
  ADMIN_EMAIL: withDefault(z.email({ error: "must be an email address" }), "admin@example.com"),
  ADMIN_PASSWORD: optional(z.string().min(10, "must be at least 10 characters")),
  BETTER_AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  SIGN_IN_RATE_LIMIT: withDefault(rateLimit, "10/60"),
  // REST API (/api/v1, decision 0031): requests one token may make per minute (fixed window, counted in Postgres),
  // and the largest request body it accepts, in bytes (a larger one is refused with 413 before it is parsed).
  API_RATE_LIMIT_PER_MINUTE: withDefault(wholeNumber(1, 1_000_000), "600"),
  API_MAX_BODY_BYTES: withDefault(wholeNumber(1_024, 100_000_000), "1048576"),
  // LLM endpoint and models
  OPENAI_API_KEY: optional(z.string().trim()),
  OPENAI_BASE_URL: optional(httpUrl),
  LLM_MODEL: withDefault(z.string().trim(), "gpt-4o-mini"),
  // Per role; unset means the role's default (lib/server/llm/llm-settings.ts) or LLM_MODEL.
  LLM_EVOLVE_MODEL: optional(z.string().trim()),
  LLM_EVOLVE_TEMPERATURE: optional(decimal(0, 2)),
  LLM_EVOLVE_TOP_P: optional(decimal(0, 1)),
  LLM_EVOLVE_MAX_TOKENS: optional(wholeNumber(1)),
  LLM_ANSWER_MODEL: optional(z.string().trim()),
  LLM_ANSWER_TEMPERATURE: optional(decimal(0, 2)),
  LLM_ANSWER_TOP_P: optional(decimal(0, 1)),
  LLM_ANSWER_MAX_TOKENS: optional(wholeNumber(1)),
  LLM_JUDGE_MODEL: optional(z.string().trim()),
  LLM_JUDGE_TEMPERATURE: optional(decimal(0, 2)),
  LLM_JUDGE_TOP_P: optional(decimal(0, 1)),
  LLM_JUDGE_MAX_TOKENS: optional(wholeNumber(1)),
  LLM_DIFFICULTY_MODEL: optional(z.string().trim()),
  LLM_DIFFICULTY_TEMPERATURE: optional(decimal(0, 2)),
  LLM_DIFFICULTY_TOP_P: optional(decimal(0, 1)),
  LLM_DIFFICULTY_MAX_TOKENS: optional(wholeNumber(1)),
  // The optimizer suggests revised method sentences from a method version's failures (method page; never in runs).
  LLM_OPTIMIZER_MODEL: optional(z.string().trim()),
  LLM_OPTIMIZER_TEMPERATURE: optional(decimal(0, 2)),
  LLM_OPTIMIZER_TOP_P: optional(decimal(0, 1)),
  LLM_OPTIMIZER_MAX_TOKENS: optional(wholeNumber(1)),
  LLM_MODEL_SETTINGS: optional(json(modelSettingsSchema, '{"my-model": {"tokenParam": "max_completion_tokens"}}')),
  LLM_PRICES: optional(
    json(modelPricesSchema, '{"gpt-4o-mini": {"promptPerMillion": 0.15, "completionPerMillion": 0.6}}'),
  ),
  LLM_CONCURRENCY: withDefault(wholeNumber(1, 10_000), "16"),
  LLM_TIMEOUT_MS: withDefault(wholeNumber(1), "120000"),
  LLM_MAX_ATTEMPTS: withDefault(wholeNumber(1, 100), "6"),
  // Circuit breaker per endpoint (lib/server/llm/circuit-breaker.ts): this many connection errors, timeouts or
  // 5xx in a row, with no answer between, hold every call to it; one probe goes out at a time, the wait between
  // probes doubling up to LLM_BREAKER_MAX_PROBE_MS. Held calls use up no attempts.
  LLM_BREAKER_FAILURES: withDefault(wholeNumber(1, 1_000), "5"),
  LLM_BREAKER_MAX_PROBE_MS: withDefault(wholeNumber(50, 600_000), "30000"),
  // Batch API runs (docs/decisions/0022-batch-api-runs.md): the first wait before a submitted batch is polled, in
  // seconds, doubling per poll up to 20 times as long (30 s to 10 min).
  LLM_BATCH_POLL_SECONDS: withDefault(decimal(0.05, 3_600), "30"),
  // A batch-mode phase with fewer calls than this sends them as live calls instead (not worth hours of waiting).
  LLM_BATCH_SYNC_BELOW: withDefault(wholeNumber(0, 1_000_000), "20"),
  // Batch API price as a share of LLM_PRICES (OpenAI: half), for a capped batch-mode run's reservations and spend
  // and the run form's estimate. Not 0: a batch is never free.
  LLM_BATCH_PRICE_FACTOR: withDefault(
    decimal(0, 1).refine((v) => v > 0, "must be above 0 and at most 1"),
    "0.5",
  ),
  // Workers and jobs
  EVOL_WORKERS: withDefault(switchValue, "1"),
  EVOL_WORKER_CONCURRENCY: optional(wholeNumber(1, 10_000)),
  EVOL_MAX_STEP_ATTEMPTS: withDefault(wholeNumber(1, 100), "3"),
  EVOL_MAX_RUN_STEPS: withDefault(wholeNumber(1), "2000000"),
  // Steps finishing within this many milliseconds of each other are stored in one transaction (0: each on its own).
  EVOL_STORE_BATCH_MS: withDefault(wholeNumber(0, 1_000), "25"),
  EVOL_JOB_HEARTBEAT_SECONDS: withDefault(wholeNumber(10, 3600), "10"),
  EVOL_EXPORT_CONCURRENCY: withDefault(wholeNumber(1, 64), "2"),
  EVOL_EXPORT_THREADS: withDefault(switchValue, "1"),
  // Seeds: the longest instruction, input, output or metadata text a seed (or an edited node) may hold, in characters.
  SEED_MAX_FIELD_CHARS: withDefault(wholeNumber(1, MAX_FIELD_CHARS_CEILING), String(DEFAULT_MAX_FIELD_CHARS)),
  // Export files older than this many days are removed (the record stays, marked expired); 0 keeps them.
  EXPORT_RETENTION_DAYS: withDefault(wholeNumber(0, 36_500), "30"),
  // How often each worker settles orphans: dead exports, steps whose job is gone, stalled runs.
  EVOL_REAPER_INTERVAL_SECONDS: withDefault(wholeNumber(1, 86_400), "60"),
  // Simulator
  SIMULATOR_URL: optional(httpUrl),
  SIMULATOR_LATENCY_MS: withDefault(wholeNumber(0, 600_000), "150"),
  // How long a batch sent to the in-app simulator's Batch API takes to complete (OpenAI's take minutes to hours).
  SIMULATOR_BATCH_DELAY_MS: withDefault(wholeNumber(0, 86_400_000), "0"),
});

/** Variables whose values must never be echoed in an error message. */
export const SECRET_VARIABLES = new Set(["DATABASE_URL", "ADMIN_PASSWORD", "BETTER_AUTH_SECRET", "OPENAI_API_KEY"]);
