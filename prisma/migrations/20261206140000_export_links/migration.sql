-- Signed dataset links (decision 0032): a link downloads one export's file
-- without a session while it is neither expired nor revoked and its creator
-- is still an admin. The URL carries a random secret; only its sha-256 is
-- kept here, so reading this table gives nobody a working link.
CREATE TABLE "export_links" (
    "id" UUID NOT NULL,
    "export_id" UUID NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "revoked_at" TIMESTAMP(3),
    "revoked_by_id" TEXT,
    "last_used_at" TIMESTAMP(3),
    "download_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_links_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "export_links_secret_hash_key" ON "export_links"("secret_hash");

CREATE INDEX "export_links_export_id_created_at_idx" ON "export_links"("export_id", "created_at");

ALTER TABLE "export_links" ADD CONSTRAINT "export_links_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "export_links" ADD CONSTRAINT "export_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "export_links" ADD CONSTRAINT "export_links_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
