import type { Metadata } from "next";
import Link from "next/link";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listProjects } from "@/lib/server/projects/list-projects";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requirePageUser();
  const projects = await listProjects({ viewer: user });
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Projects</h1>
      {user.role === "admin" ? (
        <Card title="New project">
          <CreateProjectForm />
        </Card>
      ) : null}
      {projects.length === 0 ? (
        <p className="text-sm text-zinc-500">
          {user.role === "admin"
            ? "No projects yet. Create one above, then import seed instructions into it."
            : "No project is shared with you yet. An admin adds you to the projects you review."}
        </p>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Seeds", align: "right" },
            { label: "Evolved", align: "right" },
            { label: "Runs", align: "right" },
            { label: "Created", align: "right" },
          ]}
        >
          {projects.map((p) => (
            <tr key={p.id} data-testid="project-row">
              <td className="px-4 py-2">
                <Link href={`/projects/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                  {p.name}
                </Link>
                {p.description ? <div className="text-xs text-zinc-500">{p.description}</div> : null}
              </td>
              <td className="px-4 py-2 text-right tabular-nums" data-col="seeds">
                {p.seeds.toLocaleString("en-US")}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{p.evolved.toLocaleString("en-US")}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.runs.toLocaleString("en-US")}</td>
              <td className="px-4 py-2 text-right text-zinc-500">{p.createdAt.toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
