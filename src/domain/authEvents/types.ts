import type { AuthEventType } from "@aws-sdk/client-cognito-identity-provider";

/** One recorded sign-in of a pool with threat protection (docs/behaviour.md#auth-events). */
export interface AuthEventRecord {
  /** A random UUID. */
  eventId: string;
  poolId: string;
  /** Internal username. */
  username: string;
  type: NonNullable<AuthEventType["EventType"]>;
  createdAt: Date;
  response: NonNullable<AuthEventType["EventResponse"]>;
  risk: NonNullable<AuthEventType["EventRisk"]>;
  challengeResponses: NonNullable<AuthEventType["ChallengeResponses"]>;
  context: NonNullable<AuthEventType["EventContextData"]>;
  feedback?: { value: "Valid" | "Invalid"; provider: string; at: Date };
  /** SHA-256 (hex) of the token UpdateAuthEventFeedback must present. */
  feedbackTokenHash: string;
}
