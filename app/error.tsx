"use client";

import { PageError } from "@/components/errors/page-error";

// Any page that fails on the server; PageError tells a lost database apart (answered 503) from other failures.
export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError digest={error.digest} reset={reset} />;
}
