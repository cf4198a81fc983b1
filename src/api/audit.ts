import type { AuditEvent } from "../domain/audit/types.js";
import type { Random } from "../domain/random.js";
import { STORE_METHOD_ACCESS, type Store, type SubStoreName } from "../domain/ports/store.js";

/** Named like reads, but one sends a code and the other signs in with a refresh token (and may rotate it). */
const ACTING_GETS = new Set(["GetUserAttributeVerificationCode", "GetTokensFromRefreshToken"]);

/** Operations that change nothing, audited only when reads are (COGNATE_AUDIT_READS=1). */
export function isReadOperation(operation: string): boolean {
  return /^(Admin)?(Describe|Get|List)/.test(operation) && !ACTING_GETS.has(operation);
}

/**
 * What one request will record in the audit trail. The first transaction that changes state appends the
 * event inside itself, so no change is ever committed without its event; a request that fails afterwards
 * (a wrong password still counts toward lockout) appends a second event saying how it ended.
 */
export class AuditTrail {
  private recorded = false;
  private readonly details: Record<string, string | number | boolean> = {};

  constructor(
    private readonly random: Random,
    private readonly base: Pick<AuditEvent, "time" | "requestId" | "actor" | "sourceIp" | "operation" | "poolId" | "username">,
  ) {}

  /** Names the target user by their internal username once it is known. */
  setUser(username: string): void {
    this.base.username = username;
  }

  setPool(poolId: string): void {
    this.base.poolId = poolId;
  }

  /** Adds a non-secret fact about the change (e.g. whether a password was permanent). */
  note(details: Record<string, string | number | boolean>): void {
    Object.assign(this.details, details);
  }

  get hasRecorded(): boolean {
    return this.recorded;
  }

  event(outcome: AuditEvent["outcome"], errorType?: string): AuditEvent {
    return {
      id: this.random.uuid(),
      ...withoutUndefined(this.base),
      outcome,
      ...(errorType === undefined ? {} : { errorType }),
      ...(Object.keys(this.details).length === 0 ? {} : { details: { ...this.details } }),
    };
  }

  /** Appends the request's event inside the transaction `tx` unless an earlier transaction did. */
  async recordChange(tx: Store): Promise<void> {
    if (this.recorded) return;
    await tx.audit.append(this.event("success"));
    this.recorded = true;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/**
 * The store a handler sees: every transaction it opens, and every write it makes outside one, carries the
 * request's audit event. Reads pass straight through.
 */
export function auditedStore(store: Store, trail: AuditTrail): Store {
  const transaction: Store["transaction"] = (fn) =>
    store.transaction(async (tx) => {
      const result = await fn(tx);
      await trail.recordChange(tx);
      return result;
    });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "transaction") return transaction;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || !Object.hasOwn(STORE_METHOD_ACCESS, property) || typeof value !== "object" || value === null) {
        return value;
      }
      const access: Readonly<Record<string, "read" | "write">> = STORE_METHOD_ACCESS[property as SubStoreName];
      return new Proxy(value, {
        get(subStore, method, subReceiver) {
          const member: unknown = Reflect.get(subStore, method, subReceiver);
          if (typeof member !== "function" || typeof method !== "string") return member;
          const kind = Object.hasOwn(access, method) ? access[method] : undefined;
          // An unclassified method could be a write that escapes the trail: refuse it rather than guess.
          if (kind === undefined) throw new Error(`store method ${property}.${method} is not classified in STORE_METHOD_ACCESS`);
          if (kind === "read") return member.bind(subStore);
          return (...args: unknown[]) =>
            transaction((tx) => (tx[property as SubStoreName] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args));
        },
      });
    },
  });
}
