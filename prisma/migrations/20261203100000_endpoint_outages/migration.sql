-- Endpoint outages: a worker whose circuit breaker opened for an LLM endpoint
-- records it here (on open, at each probe, on close), so the run page can say
-- that the run is waiting for the endpoint and how many calls are held.
CREATE TABLE "endpoint_outages" (
    "id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "worker" TEXT NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "held" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "endpoint_outages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "endpoint_outages_closed_at_idx" ON "endpoint_outages"("closed_at");

-- current_round said 1 for every continuous run: it now follows the highest
-- round that has steps, for finished runs too.
UPDATE "runs" r SET "current_round" = s.max_round
FROM (SELECT "run_id", max("round") AS max_round FROM "run_steps" GROUP BY "run_id") s
WHERE s."run_id" = r."id" AND r."mode" = 'continuous' AND s.max_round > r."current_round";
