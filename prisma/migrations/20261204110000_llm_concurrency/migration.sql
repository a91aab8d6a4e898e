-- The adaptive concurrency limit per endpoint and model (docs/decisions/0023-adaptive-concurrency.md):
-- a worker writes it when the limit changes (at most every few seconds), the run page reads it.
CREATE TABLE "llm_concurrency" (
    "endpoint" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "backed_off_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "llm_concurrency_pkey" PRIMARY KEY ("endpoint","model")
);
