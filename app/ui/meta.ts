import type { MetaArgs } from "@remix-run/node";

interface RootMatchData {
  resources?: Record<string, Record<string, unknown>>;
}

function lookup(resources: Record<string, Record<string, unknown>> | undefined, key: string): string | undefined {
  const [namespace, path] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
  let node: unknown = resources?.[namespace];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** `<title>` in the page's language: "<page> · Wijkbudget", from the translations the root loaded. */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string, extra?: string) {
  const root = args.matches.find((match) => match.id === "root")?.data as RootMatchData | undefined;
  const page = extra ?? lookup(root?.resources, key) ?? "";
  return [{ title: page ? `${page} · Wijkbudget` : "Wijkbudget" }];
}
