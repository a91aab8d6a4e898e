import { defineConfig } from "prisma/config";

// The CLI does not load .env; generate needs no live database, so a
// placeholder URL is enough when DATABASE_URL is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/evol_studio",
  },
});
