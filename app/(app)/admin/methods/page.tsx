import type { Metadata } from "next";
import Link from "next/link";
import { CopyMethodForm } from "@/components/methods/copy-method-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listMethods } from "@/lib/server/methods/list-methods";

export const metadata: Metadata = { title: "Methods" };

export default async function MethodsPage() {
  await requirePageUser("admin");
  const methods = await listMethods();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Methods</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          A method is the wording the evolution prompts are made of. Runs record the method version they used; a version
          never changes, and saving an edit makes the next one. Copy a method to make your own.
        </p>
      </div>
      {methods.map((m) => (
        <Card
          key={m.id}
          title={
            <span className="flex items-center gap-2" data-testid="method-name">
              <Link href={`/admin/methods/${m.id}`} className="text-indigo-700 hover:underline">
                {m.name}
              </Link>
              {m.builtIn ? <Badge tone="indigo">built in</Badge> : null}
            </span>
          }
          actions={m.versions[0] ? <CopyMethodForm fromVersionId={m.versions[0].id} fromName={m.name} /> : null}
        >
          {m.description ? <p className="mb-2 text-sm text-zinc-600">{m.description}</p> : null}
          <ul className="space-y-1 text-sm" data-testid="method-versions">
            {m.versions.map((v) => (
              <li key={v.id}>
                <span className="font-medium">v{v.version}</span> · {v.note || "no note"} · {v.createdBy ?? "migration"}{" "}
                · {v.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {v.runs} {v.runs === 1 ? "run" : "runs"}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}
