import { APIError } from "better-auth/api";
import { getAuth, type AppRole } from "@/lib/server/auth/auth";
import { UserFacingError } from "@/lib/server/errors";

/** Creates an email + password account through better-auth (password hashed there). */
export async function createUserAccount(options: { email: string; name: string; password: string; role: AppRole }) {
  try {
    const { user } = await getAuth().api.createUser({
      body: { email: options.email, name: options.name, password: options.password, role: options.role },
    });
    return user;
  } catch (error) {
    if (error instanceof APIError) {
      const message = error.body?.message ?? error.message;
      throw new UserFacingError(/exist/i.test(message) ? `An account for ${options.email} already exists.` : message);
    }
    throw error;
  }
}
