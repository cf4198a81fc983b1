/**
 * Errors raised by the AWS front door rather than by Cognito itself (not in the service model):
 * framing, routing, signatures. Each carries its own HTTP status.
 */
export class FrameworkError extends Error {
  constructor(
    readonly type: FrameworkErrorName,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type FrameworkErrorName =
  | "SerializationException"
  | "UnknownOperationException"
  | "UnsupportedMediaTypeException"
  | "RequestEntityTooLargeException"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "AccessDeniedException";
