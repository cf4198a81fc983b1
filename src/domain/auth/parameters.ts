import { missingRequiredParameter } from "../../errors/catalogue.js";

/** A named entry of AuthParameters or ChallengeResponses; Cognito words its absence this way. */
export function requiredParameter(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name];
  if (value === undefined) throw missingRequiredParameter(name);
  return value;
}
