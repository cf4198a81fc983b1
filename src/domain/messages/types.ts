export type MessageChannel = "EMAIL" | "SMS";
export type MessageKind = "invitation" | "signup" | "forgot-password" | "reset" | "verify-attribute" | "resend" | "authentication";

/** A message Cognate would send. Nothing leaves the machine: it is kept in the outbox for developers. */
export interface OutboxMessage {
  id: string;
  poolId: string;
  /** The internal username of the recipient. */
  username: string;
  channel: MessageChannel;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  kind: MessageKind;
  createdAt: Date;
}
