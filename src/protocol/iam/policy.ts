import type { PolicyDocument, PolicyStatement } from "../sigv4/credentials.js";

/**
 * IAM's evaluation, reduced to what Cognate supports (no conditions): an explicit Deny wins, otherwise an
 * Allow is needed, otherwise the request is denied. A credential without a policy may do everything.
 */
export function policyAllows(policy: PolicyDocument | undefined, action: string, resource: string): boolean {
  if (policy === undefined) return true;
  const applicable = policy.Statement.filter((statement) => matchesAction(statement, action) && matchesResource(statement, resource));
  if (applicable.some((statement) => statement.Effect === "Deny")) return false;
  return applicable.some((statement) => statement.Effect === "Allow");
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
  // Action names are case-insensitive in IAM; resources are not.
  if (statement.Action !== undefined) return statement.Action.some((pattern) => wildcardMatch(pattern, action, true));
  return !statement.NotAction!.some((pattern) => wildcardMatch(pattern, action, true));
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.Resource !== undefined) return statement.Resource.some((pattern) => wildcardMatch(pattern, resource, false));
  return !statement.NotResource!.some((pattern) => wildcardMatch(pattern, resource, false));
}

const compiled = new Map<string, RegExp>();

/** IAM wildcards: `*` any run of characters (also none), `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? "i" : "s"}:${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    const body = pattern
      .split("")
      .map((char) => (char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
      .join("");
    regex = new RegExp(`^${body}$`, ignoreCase ? "iu" : "u");
    compiled.set(key, regex);
  }
  return regex.test(value);
}
