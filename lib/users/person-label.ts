/**
 * How a person is named wherever their actions are credited: the display
 * name with the email beside it, since a name alone is not an identity (two
 * people may share one). Null (a deleted account, the command line) is told
 * apart by the caller.
 */
export function personLabel(person: { name: string | null; email: string }): string {
  const name = person.name?.trim();
  return name && name !== person.email ? `${name} (${person.email})` : person.email;
}
