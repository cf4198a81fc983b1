import { domainOfHost } from "../../domain/domains/host.js";
import type { ClientStore, PoolStore, Store } from "../../domain/ports/store.js";
import type { Deps } from "../types.js";

/**
 * The dependencies of an OAuth request arriving on `host` (docs/behaviour.md, "Domains"): on Cognate's own
 * URL every pool is served (the pool follows from `client_id`); on a pool's domain only that pool exists, as
 * on Cognito, where each domain is its pool's authorization server: another pool's client or token is
 * refused exactly as an unknown one.
 */
export async function depsForHost(deps: Deps, host: string | undefined): Promise<Deps> {
  const domain = await domainOfHost(deps.store, host);
  return domain === undefined ? deps : { ...deps, store: poolScopedStore(deps.store, domain.poolId) };
}

function poolScopedStore(store: Store, poolId: string): Store {
  const clients: ClientStore = Object.assign(Object.create(store.clients) as ClientStore, {
    get: async (pool: string, clientId: string) => (pool === poolId ? store.clients.get(pool, clientId) : undefined),
    findById: async (clientId: string) => {
      const client = await store.clients.findById(clientId);
      return client?.poolId === poolId ? client : undefined;
    },
  });
  const pools: PoolStore = Object.assign(Object.create(store.pools) as PoolStore, {
    get: async (id: string) => (id === poolId ? store.pools.get(id) : undefined),
  });
  return Object.assign(Object.create(store) as Store, { clients, pools });
}
