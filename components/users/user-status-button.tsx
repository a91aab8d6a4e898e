"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setUserDisabledAction } from "@/lib/actions/users/set-user-disabled";

export function UserStatusButton({ userId, disabled }: { userId: string; disabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
      <Button
        variant={disabled ? "secondary" : "danger"}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await setUserDisabledAction({ userId, disabled: !disabled });
            if (!result.ok) return setError(result.error);
            setError(null);
            router.refresh();
          })
        }
      >
        {disabled ? "Enable" : "Disable"}
      </Button>
    </span>
  );
}
