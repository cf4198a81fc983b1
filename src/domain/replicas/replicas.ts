import type { UserPoolReplicaType } from "@aws-sdk/client-cognito-identity-provider";
import { notARegion, replicaExists, replicaInPrimaryRegion, replicaNotFound, replicaStillActive } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import { checkedTags } from "../tags/tags.js";
import type { ReplicaRecord } from "./types.js";

/** An AWS region's name as written in ARNs: `eu-west-1`, `us-gov-east-1`, `ap-southeast-5`. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The secondary region a request names: a region's name, and not the pool's own (docs/behaviour.md#replicas). */
export function secondaryRegion(pool: UserPoolRecord, region: string): string {
  if (!REGION_NAME.test(region)) throw notARegion(region);
  if (region === pool.region) throw replicaInPrimaryRegion(region);
  return region;
}

/** CreateUserPoolReplica: Cognate records the replica, active at once; no data is copied anywhere. */
export async function createReplica(
  store: Store,
  pool: UserPoolRecord,
  request: { RegionName: string; UserPoolTags?: Record<string, string> | undefined },
  now: Date,
): Promise<ReplicaRecord> {
  const replica: ReplicaRecord = {
    poolId: pool.id,
    region: secondaryRegion(pool, request.RegionName),
    status: "ACTIVE",
    tags: checkedTags(request.UserPoolTags ?? {}),
    createdAt: now,
  };
  await store.replicas.create(replica).catch((error: unknown) => {
    throw error instanceof StorageConflictError ? replicaExists(replica.region) : error;
  });
  return replica;
}

export async function requireReplica(store: Store, pool: UserPoolRecord, region: string): Promise<ReplicaRecord> {
  const replica = await store.replicas.get(pool.id, secondaryRegion(pool, region));
  if (replica === undefined) throw replicaNotFound(region);
  return replica;
}

/** DeleteUserPoolReplica deletes only a replica set INACTIVE first, as Cognito requires. */
export async function deleteReplica(store: Store, pool: UserPoolRecord, region: string): Promise<ReplicaRecord> {
  const replica = await requireReplica(store, pool, region);
  if (replica.status !== "INACTIVE") throw replicaStillActive(replica.region);
  await store.replicas.delete(pool.id, replica.region);
  return replica;
}

/** The pool itself, listed first by ListUserPoolReplicas as the primary replica. */
export function primaryReplica(pool: UserPoolRecord, accountId: string): UserPoolReplicaType {
  return { RegionName: pool.region, Status: "ACTIVE", Role: "PRIMARY", UserPoolArn: replicaArn(pool.region, accountId, pool.id) };
}

export function toUserPoolReplicaType(replica: ReplicaRecord, accountId: string): UserPoolReplicaType {
  return {
    RegionName: replica.region,
    Status: replica.status,
    Role: "SECONDARY",
    UserPoolArn: replicaArn(replica.region, accountId, replica.poolId),
  };
}

/** A replica keeps its pool's id; its ARN differs from the pool's in the region only. */
function replicaArn(region: string, accountId: string, poolId: string): string {
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;
}
