// How our Node processes ask glibc's malloc to give freed memory back (decision 0051).

/**
 * glibc serves a large allocation (an ArrayBuffer's backing store, say) with
 * its own mmap and returns it to the kernel on free, but only above a
 * threshold it raises to the size of every such block freed, up to 32 MB.
 * After one 4 MB buffer is freed, every buffer under 4 MB comes from the heap
 * and stays resident after it is freed while anything above it is still in
 * use. An export's threads churn through buffers of 64 KB to a few MB (pages
 * read, columns encoded, chunks written), so the process's RSS kept ~30 MB it
 * no longer used. Fixed at glibc's own starting value, the threshold stays
 * there. Read by glibc when a process starts, so it is set where our processes
 * are started: `npm start`, `npm run dev`, `npm run worker` and `npm run export`
 * (package.json), and the benchmarks' child processes. Other C libraries
 * ignore it.
 */
export const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" } as const;

/**
 * The environment for a Postgres server we start: ours without MALLOC_ENV.
 * Postgres sizes its own memory contexts (blocks up to 8 MB for a sort); a
 * fixed threshold would map and unmap those per query, and it was measured
 * only for our Node processes.
 */
export function postgresEnv<Env extends Record<string, string | undefined>>(
  env: Env,
  extra: Record<string, string>,
): Env {
  const result: Record<string, string | undefined> = { ...env, ...extra };
  for (const name of Object.keys(MALLOC_ENV)) {
    if (env[name] === MALLOC_ENV[name as keyof typeof MALLOC_ENV]) delete result[name];
  }
  return result as Env;
}
