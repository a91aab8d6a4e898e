/**
 * An error whose message is meant for the person who caused it. Services
 * throw these (never HTTP statuses); the caller picks how to answer:
 * server actions return the message as a failed result, route handlers map
 * each kind to a status (lib/routes/define-route.ts).
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or not where it was looked for). */
export class NotFoundError extends UserFacingError {}

/** The thing exists but its state forbids this now (an export still being written, …). */
export class ConflictError extends UserFacingError {}

/** The thing existed but is gone for good (an export whose files were removed). */
export class GoneError extends UserFacingError {}

/** The request itself is wrong in a way the schema could not tell (a run of another project, …). */
export class InvalidInputError extends UserFacingError {}

/** For pages, which answer a missing thing with notFound(): the service's result, or null when it was not found. */
export async function nullIfNotFound<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
