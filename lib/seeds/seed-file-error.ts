// Thrown only for problems with the file as a whole; per-record problems are
// collected as LineErrors so the caller can show all of them at once.
export class SeedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedFileError";
  }
}
