/** The gateway's per-request context. */
import type { BaseContext } from '@apollo/server';
import type { Principal } from '@hoi/domain';

/** What plugins and the subgraph data source share for one request. */
export interface GatewayContext extends BaseContext {
  readonly principal: Principal | null;
  readonly requestId: string;
  /** Set once the operation is resolved. */
  operationName: string | null;
  /**
   * Confirmations of the held subgraph answers this request used (the consent subgraph's
   * audit commits): its own answer leaves only once every one has come.
   */
  readonly held: Promise<void>[];
}
