import type { ModelledErrorName } from "../model/errors.gen.js";

/**
 * A Cognito error as the API reports it: `type` is the modelled exception name (the wire `__type`).
 * Domain code throws these; only protocol/ turns them into responses.
 */
export class CognitoError extends Error {
  constructor(
    readonly type: ModelledErrorName,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
