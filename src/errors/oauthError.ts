/**
 * An error of the OAuth 2.0 endpoints (RFC 6749 §5.2), answered as `{"error": "<code>"}` with its HTTP
 * status. Cognito's token endpoint gives the code alone; the message is for Cognate's log.
 */
export class OAuthError extends Error {
  constructor(
    readonly type: OAuthErrorCode,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = "OAuthError";
  }
}

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "too_many_requests"
  | "redirect_mismatch"
  | "invalid_token"
  | "unsupported_token_type"
  | "login_required";
