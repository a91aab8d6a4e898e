// The curl command of an endpoint on the reference page: the app's own
// origin, path segments as shell variables ({projectId} → $PROJECT_ID), the
// token from $TOKEN, and an example JSON body built from the body's schema.
import type { JsonSchema } from "./openapi";
import { exampleOf } from "./schema-example";

/** projectId → PROJECT_ID */
export const shellName = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/\W+/g, "_")
    .toUpperCase();

const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlExample(options: {
  origin: string;
  method: string;
  path: string;
  /** Sends `Authorization: Bearer $TOKEN`. */
  token: boolean;
  /** Required query parameters, sent as `name=$NAME`. */
  query?: { name: string }[];
  /** The request body to send: JSON gets an example from its schema, a form its fields, anything else a file. */
  body?: { contentType: string; schema?: JsonSchema };
  /** The answer is a file: save it under its name (-O). */
  download?: boolean;
}): string {
  const path = options.path.replace(/\{(\w+)\}/g, (_, name: string) => `$${shellName(name)}`);
  const search = (options.query ?? []).map((q) => `${encodeURIComponent(q.name)}=$${shellName(q.name)}`).join("&");
  const url = `${options.origin.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`;
  const flags = ["-sS"];
  if (options.method === "HEAD") flags.push("-I");
  else if (options.method !== "GET") flags.push("-X", options.method);
  if (options.download && options.method === "GET") flags.push("-O");
  const lines = [`curl ${flags.join(" ")} "${url}"`];
  if (options.token) lines.push(`-H "Authorization: Bearer $TOKEN"`);
  if (options.body) lines.push(...bodyLines(options.body));
  return lines.join(" \\\n  ");
}

function bodyLines({ contentType, schema }: { contentType: string; schema?: JsonSchema }): string[] {
  if (contentType.includes("json"))
    return [`-H 'content-type: ${contentType}'`, `-d ${singleQuoted(JSON.stringify(exampleOf(schema ?? {})))}`];
  if (contentType === "multipart/form-data")
    return Object.entries(schema?.properties ?? {}).map(([name, field]) =>
      field.contentMediaType !== undefined
        ? `-F "${name}=@$${shellName(name)}_PATH"`
        : `-F ${singleQuoted(`${name}=${String(exampleOf(field))}`)}`,
    );
  return [`-H 'content-type: ${contentType}'`, `--data-binary "@$FILE_PATH"`];
}
