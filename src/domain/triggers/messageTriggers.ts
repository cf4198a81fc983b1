import { invalidLambdaResponse } from "../../errors/catalogue.js";
import type { MessageText } from "../messages/templates.js";
import type { MessageChannel, MessageKind } from "../messages/types.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { runTrigger, type TriggerDeps } from "./run.js";
import { triggerUserAttributes } from "./userTriggers.js";

/** The placeholder the function writes where the code goes, as Cognito gives it in `codeParameter`. */
const CODE_PARAMETER = "{####}";

/** The CustomMessage source of each outbox kind, unless the caller names another (UpdateUserAttribute). */
const SOURCE_OF_KIND: Record<MessageKind, string> = {
  signup: "SignUp",
  resend: "ResendCode",
  "forgot-password": "ForgotPassword",
  reset: "ForgotPassword",
  "verify-attribute": "VerifyUserAttribute",
  invitation: "AdminCreateUser",
  authentication: "Authentication",
};

/** Who asked for a message, for the CustomMessage event. */
export interface MessageCall {
  /** Overrides the source the kind gives (`UpdateUserAttribute`). */
  source?: string;
  clientId?: string;
  clientMetadata?: Record<string, string>;
}

/**
 * CustomMessage (`CustomMessage_<source>`) for a code message: the function gets `{####}` for the code and may
 * answer `smsMessage`, `emailMessage`, `emailSubject`; each it answers replaces the pool's text for its
 * channel, the code put where `{####}` stands. A message without `{####}` would not carry the code: the pool's
 * own is kept then. The text unchanged when the pool has no such function.
 */
export async function customMessage(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  message: { kind: MessageKind; user: UserRecord; channel: MessageChannel; code: string; text: MessageText; call?: MessageCall },
): Promise<MessageText> {
  const response = await runTrigger(deps, pool, "CustomMessage", {
    triggerSource: `CustomMessage_${message.call?.source ?? SOURCE_OF_KIND[message.kind]}`,
    userName: message.user.username,
    ...(message.call?.clientId === undefined ? {} : { clientId: message.call.clientId }),
    request: {
      userAttributes: triggerUserAttributes(message.user),
      codeParameter: CODE_PARAMETER,
      linkParameter: "{##Click Here##}",
      usernameParameter: null,
      clientMetadata: message.call?.clientMetadata,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (response === undefined) return message.text;
  const answered = (name: string): string | undefined => {
    const value = response[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw invalidLambdaResponse();
    return value;
  };
  const body = answered(message.channel === "SMS" ? "smsMessage" : "emailMessage");
  const subject = message.channel === "EMAIL" ? answered("emailSubject") : undefined;
  return {
    subject: subject ?? message.text.subject,
    body: body !== undefined && body.includes(CODE_PARAMETER) ? body.split(CODE_PARAMETER).join(message.code) : message.text.body,
  };
}
