"use client";

import { useCallback, useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { createExportLinkAction } from "@/lib/actions/export/create-export-link";
import { listExportLinksAction } from "@/lib/actions/export/list-export-links";
import { revokeExportLinkAction } from "@/lib/actions/export/revoke-export-link";
import type { ExportFormat } from "@/lib/export/types";
import type { CreatedExportLink } from "@/lib/server/export/create-export-link";
import type { ExportLinkRow } from "@/lib/server/export/list-export-links";
import { DEFAULT_LINK_DAYS, LINK_DAY_CHOICES } from "@/lib/validation/export-link";
import { CreatedLink } from "./created-link";
import { LinkList } from "./link-list";

/** The share dialog's content: choose an expiry, create a link (its URL shown once), see and revoke the export's links. */
export function ShareLinkPanel({
  projectId,
  exportId,
  format,
  fileName,
}: {
  projectId: string;
  exportId: string;
  format: ExportFormat;
  fileName: string;
}) {
  const [days, setDays] = useState<number>(DEFAULT_LINK_DAYS);
  const [created, setCreated] = useState<CreatedExportLink | null>(null);
  const [links, setLinks] = useState<ExportLinkRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const show = useCallback((result: Awaited<ReturnType<typeof listExportLinksAction>>) => {
    if (result.ok) setLinks(result.data);
    else setError(result.error);
  }, []);
  const reload = useCallback(
    async () => show(await listExportLinksAction({ projectId, exportId })),
    [show, projectId, exportId],
  );
  useEffect(() => {
    let live = true;
    void listExportLinksAction({ projectId, exportId }).then((result) => live && show(result));
    return () => {
      live = false;
    };
  }, [show, projectId, exportId]);

  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600">
        Anyone holding the link can download this export without signing in, until it expires or is revoked. It stops
        working too if you lose admin access.
      </p>
      <div className="flex items-end gap-3">
        <div className="w-48">
          <Field label="Link expires after">
            <Select value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {LINK_DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "1 day" : `${d} days`}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setError(null);
              const result = await createExportLinkAction({ projectId, exportId, days });
              if (!result.ok) return setError(result.error);
              setCreated(result.data);
              await reload();
            })
          }
        >
          Create link
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {created ? <CreatedLink created={created} format={format} fileName={fileName} /> : null}
      <LinkList
        links={links}
        onRevoke={(linkId) =>
          startTransition(async () => {
            const result = await revokeExportLinkAction({ projectId, linkId });
            if (!result.ok) return setError(result.error);
            await reload();
          })
        }
        pending={pending}
      />
    </div>
  );
}
