import { Alert } from "@/components/ui/alert";

/**
 * Shown when the page was opened at an address the app does not sign in
 * from: sign-in requests are checked against APP_URL, so the browser's
 * "Invalid origin" alone would leave people guessing.
 */
export function WrongAddress({ origin, appUrl }: { origin: string; appUrl: string }) {
  return (
    <Alert tone="warning">
      <p>
        You opened Evol Studio at <strong>{origin}</strong>, but its address is <strong>{appUrl}</strong>, so signing in
        from here is refused.
      </p>
      <p className="mt-1">
        Open{" "}
        <a className="font-medium underline" href={`${appUrl}/sign-in`}>
          {appUrl}
        </a>{" "}
        instead, or set <code>APP_URL={origin}</code> in the environment or in <code>.env</code> and restart the app.
      </p>
    </Alert>
  );
}
