/** The gateway's per-request context. */
import type { BaseContext } from '@apollo/server';
import type { Principal } from '@hoi/domain';

/** What plugins and the subgraph data source share for one request. */
export interface GatewayContext extends BaseContext {
  readonly principal: Principal | null;
  readonly requestId: string;
  /** Set once the operation is resolved. */
  operationName: string | null;
}
