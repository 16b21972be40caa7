/** Development tokens for the benchmarks: HS256 with the gateway's development issuer and audience. */
import { SignJWT } from 'jose';
import { SECTOR_AREAS } from '@hoi/domain';

/** A caseworker's token, every area unless `areas` names some, valid for two hours. */
export function benchCaseworkerToken(
  secret: string,
  sub = 'bench-caseworker',
  areas: readonly string[] = SECTOR_AREAS,
): Promise<string> {
  return new SignJWT({ role: 'caseworker', areas: [...areas] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('hoi-gateway-dev')
    .setAudience('hoi-gateway')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}
