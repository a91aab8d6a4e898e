import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MethodEditor } from "@/components/methods/method-editor";
import { MethodRevision } from "@/components/methods/method-revision";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { describeRealEndpoint } from "@/lib/server/llm/endpoints";
import { roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { countMethodFailures } from "@/lib/server/methods/gather-failures";
import { getMethod } from "@/lib/server/methods/get-method";
import { sampleSeeds } from "@/lib/server/methods/sample-seeds";

export const metadata: Metadata = { title: "Edit method" };

export default async function MethodPage({ params }: { params: Promise<{ methodId: string }> }) {
  const { methodId } = await params;
  await requirePageUser("admin");
  const [method, samples] = await Promise.all([getMethod({ methodId }), sampleSeeds()]);
  if (!method) notFound();
  const totals = await countMethodFailures({ methodVersionId: method.latest.id });
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin/methods" className="text-sm text-indigo-700 hover:underline">
          ← Methods
        </Link>
        <h1 className="mt-1 text-xl font-semibold" data-testid="method-title">
          {method.name} v{method.latest.version}
        </h1>
        {method.description ? <p className="mt-1 text-sm text-zinc-600">{method.description}</p> : null}
      </div>
      <MethodEditor
        // A saved version remounts the editor with its texts.
        key={method.latest.id}
        methodId={method.id}
        builtIn={method.builtIn}
        version={method.latest.version}
        texts={method.latest.texts}
        samples={samples}
        realEndpoint={describeRealEndpoint()}
      />
      <Card title={`Refine from failures (v${method.latest.version})`}>
        <MethodRevision
          key={method.latest.id}
          methodId={method.id}
          versionId={method.latest.id}
          version={method.latest.version}
          builtIn={method.builtIn}
          totals={totals}
          realEndpoint={describeRealEndpoint()}
          defaultModel={roleSettingsFromEnv("optimizer").model}
        />
      </Card>
    </div>
  );
}
