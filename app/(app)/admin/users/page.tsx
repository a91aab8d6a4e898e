import type { Metadata } from "next";
import { CreateAnnotatorForm } from "@/components/users/create-annotator-form";
import { RenameUserForm } from "@/components/users/rename-user-form";
import { UserStatusButton } from "@/components/users/user-status-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listUsers } from "@/lib/server/users/list-users";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requirePageUser("admin");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Users</h1>
      <Card title="New annotator">
        <CreateAnnotatorForm />
      </Card>
      <DataTable
        columns={[
          { label: "Email" },
          { label: "Name" },
          { label: "Role" },
          { label: "Status" },
          { label: "Actions", align: "right" },
        ]}
      >
        {users.map((u) => (
          <tr key={u.id} data-testid="user-row" data-email={u.email}>
            <td className="px-4 py-2 font-medium">{u.email}</td>
            <td className="px-4 py-2">
              <RenameUserForm userId={u.id} email={u.email} name={u.name} />
            </td>
            <td className="px-4 py-2">
              <Badge tone={u.role === "admin" ? "indigo" : "neutral"}>{u.role}</Badge>
            </td>
            <td className="px-4 py-2">
              {u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}
            </td>
            <td className="px-4 py-2 text-right">
              {u.id === admin.id ? (
                <span className="text-xs text-zinc-400">you</span>
              ) : (
                <UserStatusButton userId={u.id} disabled={u.disabled} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
