/** The caller the peers sign access contexts for: the bench's caseworker, every area. */
import { SECTOR_AREAS, type Principal } from '@hoi/domain';

export const BENCH_PRINCIPAL: Principal = {
  sub: 'bench-caseworker',
  role: 'caseworker',
  areas: [...SECTOR_AREAS],
};
