/** An error whose message is meant for the person who caused it. */
export class UserFacingError extends Error {}
