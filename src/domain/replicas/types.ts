/** A secondary region of a pool, recorded by CreateUserPoolReplica (docs/behaviour.md#replicas). */
export interface ReplicaRecord {
  poolId: string;
  region: string;
  status: "ACTIVE" | "INACTIVE";
  /** Tags the replica carries, independent of its pool's. */
  tags: Record<string, string>;
  createdAt: Date;
}
