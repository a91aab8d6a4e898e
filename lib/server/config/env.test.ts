import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, getEnv, parseEnv } from "./env";

function problemsOf(raw: Record<string, string>): { variable: string; message: string }[] {
  try {
    parseEnv(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("applies every default on an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      DATABASE_PREPARED_STATEMENTS: "steps",
      EMBEDDED_POSTGRES_PORT: 54329,
      EVOL_DATA_DIR: ".data",
      PORT: 3000,
      HOST: "127.0.0.1",
      TRUSTED_PROXIES: [],
      APP_URL: "http://localhost:3000",
      ADMIN_EMAIL: "admin@example.com",
      SIGN_IN_RATE_LIMIT: { max: 10, window: 60 },
      API_RATE_LIMIT_PER_MINUTE: 600,
      API_MAX_BODY_BYTES: 1_048_576,
      LLM_MODEL: "gpt-4o-mini",
      LLM_CONCURRENCY: 16,
      LLM_TIMEOUT_MS: 120_000,
      LLM_MAX_ATTEMPTS: 6,
      EVOL_WORKERS: true,
      EVOL_WORKER_CONCURRENCY: 24,
      EVOL_MAX_STEP_ATTEMPTS: 3,
      EVOL_JOB_HEARTBEAT_SECONDS: 10,
      EVOL_EXPORT_CONCURRENCY: 2,
      EVOL_EXPORT_THREADS: true,
      SEED_MAX_FIELD_CHARS: 100_000,
      EXPORT_RETENTION_DAYS: 30,
      EVOL_REAPER_INTERVAL_SECONDS: 60,
      SIMULATOR_LATENCY_MS: 150,
      SIMULATOR_BATCH_DELAY_MS: 0,
    });
  });

  it("derives APP_URL from PORT and worker concurrency from LLM_CONCURRENCY unless they are set", () => {
    expect(parseEnv({ PORT: "8080", LLM_CONCURRENCY: "5" })).toMatchObject({
      APP_URL: "http://localhost:8080",
      EVOL_WORKER_CONCURRENCY: 8,
    });
    expect(parseEnv({ APP_URL: "https://evol.example.org/", EVOL_WORKER_CONCURRENCY: "3" })).toMatchObject({
      APP_URL: "https://evol.example.org",
      EVOL_WORKER_CONCURRENCY: 3,
    });
  });

  it("treats blank values as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: " ", LLM_CONCURRENCY: "", EVOL_WORKERS: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.LLM_CONCURRENCY).toBe(16);
    expect(env.EVOL_WORKERS).toBe(true);
  });

  it("parses JSON settings and switches", () => {
    const env = parseEnv({
      LLM_PRICES: '{"m": {"promptPerMillion": 0.15, "completionPerMillion": 0.6}}',
      EVOL_WORKERS: "0",
      EVOL_EXPORT_THREADS: "0",
      SIGN_IN_RATE_LIMIT: "500/30",
    });
    expect(env.LLM_PRICES).toEqual({ m: { promptPerMillion: 0.15, completionPerMillion: 0.6 } });
    expect(env).toMatchObject({ EVOL_WORKERS: false, EVOL_EXPORT_THREADS: false });
    expect(env.SIGN_IN_RATE_LIMIT).toEqual({ max: 500, window: 30 });
  });

  it("reads the interface to listen on and the trusted proxies", () => {
    expect(parseEnv({ HOST: "0.0.0.0", TRUSTED_PROXIES: " 10.0.0.1, 172.16.0.0/12 ,fd00::/8," })).toMatchObject({
      HOST: "0.0.0.0",
      TRUSTED_PROXIES: ["10.0.0.1", "172.16.0.0/12", "fd00::/8"],
    });
    expect(parseEnv({ HOST: "[::]" }).HOST).toBe("::");
    expect(parseEnv({ HOST: "localhost" }).HOST).toBe("localhost");
    const problems = problemsOf({ HOST: "http://example.org", TRUSTED_PROXIES: "10.0.0.1, proxy.local, 10.0.0.0/40" });
    expect(Object.fromEntries(problems.map((p) => [p.variable, p.message]))).toEqual({
      HOST: 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name (got "http://example.org")',
      TRUSTED_PROXIES:
        'must list IP addresses or CIDR ranges (not proxy.local, 10.0.0.0/40) (got "10.0.0.1, proxy.local, 10.0.0.0/40")',
    });
  });

  it("names every bad variable with the reason and the value it got", () => {
    const problems = problemsOf({
      LLM_CONCURRENCY: "abc",
      PORT: "70000",
      LLM_PRICES: "{not json",
      EVOL_WORKERS: "yes",
      EVOL_JOB_HEARTBEAT_SECONDS: "5",
      OPENAI_BASE_URL: "localhost:8000",
      LLM_ANSWER_TEMPERATURE: "3",
    });
    const byVariable = Object.fromEntries(problems.map((p) => [p.variable, p.message]));
    expect(Object.keys(byVariable).sort()).toEqual([
      "EVOL_JOB_HEARTBEAT_SECONDS",
      "EVOL_WORKERS",
      "LLM_ANSWER_TEMPERATURE",
      "LLM_CONCURRENCY",
      "LLM_PRICES",
      "OPENAI_BASE_URL",
      "PORT",
    ]);
    expect(byVariable.LLM_CONCURRENCY).toBe('must be a whole number (1 or more) (got "abc")');
    expect(byVariable.PORT).toMatch(/at most 65535/);
    expect(byVariable.LLM_PRICES).toMatch(/must be JSON/);
    expect(byVariable.EVOL_WORKERS).toMatch(/0 \(off\) or 1 \(on\)/);
    expect(byVariable.EVOL_JOB_HEARTBEAT_SECONDS).toMatch(/10 or more/);
    expect(byVariable.LLM_ANSWER_TEMPERATURE).toMatch(/between 0 and 2/);
  });

  it("takes a Batch API price share above 0 and at most 1", () => {
    expect(parseEnv({}).LLM_BATCH_PRICE_FACTOR).toBe(0.5);
    expect(parseEnv({ LLM_BATCH_PRICE_FACTOR: "1" }).LLM_BATCH_PRICE_FACTOR).toBe(1);
    for (const value of ["0", "1.5", "-0.5", "half"])
      expect(problemsOf({ LLM_BATCH_PRICE_FACTOR: value })[0]?.variable, value).toBe("LLM_BATCH_PRICE_FACTOR");
    expect(problemsOf({ LLM_BATCH_PRICE_FACTOR: "0" })[0]?.message).toMatch(/above 0 and at most 1/);
  });

  it("explains a JSON setting of the wrong shape by its path", () => {
    const [problem] = problemsOf({ LLM_PRICES: '{"m": {"promptPerMillion": "cheap", "completionPerMillion": 1}}' });
    expect(problem?.variable).toBe("LLM_PRICES");
    expect(problem?.message).toMatch(/at m\.promptPerMillion/);
  });

  it("never echoes a secret's value", () => {
    const error = (() => {
      try {
        parseEnv({ BETTER_AUTH_SECRET: "short-secret-value", DATABASE_URL: "mysql://u:hunter2@h/db" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/BETTER_AUTH_SECRET: must be at least 32 characters/);
    expect(error?.message).toMatch(/DATABASE_URL: must be a connection string/);
    expect(error?.message).not.toMatch(/short-secret-value|hunter2/);
  });
});

describe("getEnv", () => {
  const saved = process.env.LLM_CONCURRENCY;
  afterEach(() => {
    if (saved === undefined) delete process.env.LLM_CONCURRENCY;
    else process.env.LLM_CONCURRENCY = saved;
  });

  it("returns the same parsed settings until a variable changes", () => {
    process.env.LLM_CONCURRENCY = "7";
    const first = getEnv();
    expect(getEnv()).toBe(first);
    expect(first.LLM_CONCURRENCY).toBe(7);
    process.env.LLM_CONCURRENCY = "9";
    expect(getEnv().LLM_CONCURRENCY).toBe(9);
    process.env.LLM_CONCURRENCY = "lots";
    expect(() => getEnv()).toThrow(/LLM_CONCURRENCY/);
  });
});
