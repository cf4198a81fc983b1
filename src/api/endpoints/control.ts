import type { OutboxMessage } from "../../domain/messages/types.js";
import { requirePoolInAnyRegion } from "../../domain/pools/userPool.js";
import { findUser } from "../../domain/users/resolve.js";
import type { Deps } from "../types.js";

/*
 * The local control API's answers (dev mode): Cognate's clock and the outbox, for tests and developers.
 */

export interface ClockState {
  /** Epoch seconds, fractional. */
  now: number;
  offsetSeconds: number;
}

export async function clockState(deps: Deps, now: Date): Promise<ClockState> {
  return { now: now.getTime() / 1000, offsetSeconds: await deps.store.settings.clockOffsetSeconds() };
}

/** Moves the clock of every instance sharing the database forward. */
export async function advanceClock(deps: Deps, seconds: number): Promise<void> {
  await deps.store.settings.advanceClock(seconds);
}

export interface OutboxQuery {
  poolId?: string;
  /** The internal username or, with `poolId`, any name an Admin* operation accepts (an alias, the sub). */
  username?: string;
  limit: number;
}

/** Messages oldest first; an unknown pool is ResourceNotFoundException. */
export async function outboxMessages(deps: Deps, query: OutboxQuery): Promise<OutboxMessage[]> {
  let username = query.username;
  if (query.poolId !== undefined) {
    const pool = await requirePoolInAnyRegion(deps.store, query.poolId);
    if (username !== undefined) username = (await findUser(deps.store, pool, username))?.username ?? username;
  }
  return deps.store.outbox.list({
    limit: query.limit,
    ...(query.poolId === undefined ? {} : { poolId: query.poolId }),
    ...(username === undefined ? {} : { username }),
  });
}
