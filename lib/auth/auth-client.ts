import { createAuthClient } from "better-auth/react";

/** Browser side of better-auth: sign in and out through /api/auth. */
export const authClient = createAuthClient();
