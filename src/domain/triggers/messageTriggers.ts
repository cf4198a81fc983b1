import { customMessageWithoutCode, invalidLambdaResponse } from "../../errors/catalogue.js";
import type { MessageText } from "../messages/templates.js";
import type { MessageChannel, MessageKind } from "../messages/types.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { runTrigger, triggerFunction, type TriggerDeps } from "./run.js";
import { triggerUserAttributes } from "./userTriggers.js";

/** The placeholders the function writes where the code and the username go (`codeParameter`, `usernameParameter`). */
const CODE_PARAMETER = "{####}";
const USERNAME_PARAMETER = "{username}";

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

/** A message about to be sent, with the pool's own text. */
export interface OutgoingMessage {
  kind: MessageKind;
  user: UserRecord;
  channel: MessageChannel;
  /** The code (an invitation's temporary password). */
  code: string;
  /** An invitation's: the name the user signs in with, which its message must show. */
  username?: string;
  text: MessageText;
  call?: MessageCall;
}

/** The message's trigger source suffix (`SignUp`, `AdminCreateUser`, …). */
function messageSource(message: Pick<OutgoingMessage, "kind" | "call">): string {
  return message.call?.source ?? SOURCE_OF_KIND[message.kind];
}

/**
 * The text a message is sent with. A pool with a custom sender for the message's channel (CustomEmailSender,
 * CustomSMSSender) hands the message to that function instead of sending it (`<Sender>_<source>`): the event
 * carries the code encrypted under the pool's KMSKeyID (`request.code`), and the outbox keeps only a note of
 * the handover (its body names the function, never the code). Otherwise CustomMessage shapes the text.
 */
export async function messageToSend(deps: TriggerDeps, pool: UserPoolRecord, message: OutgoingMessage): Promise<MessageText> {
  const sender = message.channel === "EMAIL" ? "CustomEmailSender" : "CustomSMSSender";
  const functionArn = triggerFunction(pool, sender);
  const kmsKeyId = pool.config.LambdaConfig?.KMSKeyID;
  if (functionArn === undefined || kmsKeyId === undefined || !deps.triggers.enabled) return customMessage(deps, pool, message);
  const triggerSource = `${sender}_${messageSource(message)}`;
  await runTrigger(deps, pool, sender, {
    triggerSource,
    userName: message.user.username,
    ...(message.call?.clientId === undefined ? {} : { clientId: message.call.clientId }),
    request: {
      type: message.channel === "EMAIL" ? "customEmailSenderRequestV1" : "customSMSSenderRequestV1",
      code: await deps.senderCodes.encrypt(kmsKeyId, message.code),
      userAttributes: triggerUserAttributes(message.user),
      clientMetadata: message.call?.clientMetadata,
    },
    answerIgnored: true,
  });
  return { subject: message.text.subject, body: `Handed to ${functionArn} (${triggerSource}) for delivery.` };
}

/**
 * CustomMessage (`CustomMessage_<source>`, docs/behaviour.md#lambda-triggers): the function gets `{####}` for
 * the code (and, for an invitation, `{username}` for the name) and may answer `smsMessage`, `emailMessage`,
 * `emailSubject`; each it answers replaces the pool's text for its channel, the placeholders filled. A code
 * message whose body lacks `{####}` is refused as Cognito refuses it (`InvalidParameterException`); an
 * invitation lacking either placeholder keeps the pool's own body, as Cognito documents. The text unchanged
 * when the pool has no such function.
 */
async function customMessage(deps: TriggerDeps, pool: UserPoolRecord, message: OutgoingMessage): Promise<MessageText> {
  const invitation = message.username !== undefined;
  const response = await runTrigger(deps, pool, "CustomMessage", {
    triggerSource: `CustomMessage_${messageSource(message)}`,
    userName: message.user.username,
    ...(message.call?.clientId === undefined ? {} : { clientId: message.call.clientId }),
    request: {
      userAttributes: triggerUserAttributes(message.user),
      codeParameter: CODE_PARAMETER,
      linkParameter: "{##Click Here##}",
      usernameParameter: invitation ? USERNAME_PARAMETER : null,
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
  const bodyMember = message.channel === "SMS" ? "smsMessage" : "emailMessage";
  const body = answered(bodyMember);
  const subject = message.channel === "EMAIL" ? answered("emailSubject") : undefined;
  return { subject: subject ?? message.text.subject, body: body === undefined ? message.text.body : filledBody(message, body, bodyMember) };
}

function filledBody(message: OutgoingMessage, body: string, member: string): string {
  if (message.username !== undefined) {
    if (!body.includes(CODE_PARAMETER) || !body.includes(USERNAME_PARAMETER)) return message.text.body;
    return fill(fill(body, USERNAME_PARAMETER, message.username), CODE_PARAMETER, message.code);
  }
  if (!body.includes(CODE_PARAMETER)) throw customMessageWithoutCode(member === "smsMessage" ? "smsMessage" : "emailBody", body);
  return fill(body, CODE_PARAMETER, message.code);
}

// split/join, not String.replace: a password may contain `$&`-style replacement patterns.
function fill(text: string, placeholder: string, value: string): string {
  return text.split(placeholder).join(value);
}
