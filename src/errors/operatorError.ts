/**
 * An operator command that cannot run as asked (an unknown pool, an unusable file): not a Cognito error,
 * but one line for the person at the command line, who fixes it and tries again.
 */
export class OperatorError extends Error {
  override name = "OperatorError";
}
