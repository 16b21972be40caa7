/**
 * The development login: pick a role, areas of own authority and a unit (or, as a citizen,
 * one's CPR); the BFF mints a development token and keeps it. Production logs in through
 * OpenID Connect instead, and this page is not offered.
 */
import { useState, type FormEvent } from 'react';
import { devLogin, type SessionInfo } from '../api';
import { AREAS, areaLabel, roleLabel } from '../labels';

const ROLES = ['caseworker', 'citizen', 'screener', 'auditor'] as const;

export function LoginPage({
  devLoginAvailable,
  onLogin,
}: {
  devLoginAvailable: boolean;
  onLogin: (s: SessionInfo) => void;
}) {
  const [role, setRole] = useState<(typeof ROLES)[number]>('caseworker');
  const [error, setError] = useState('');
  if (!devLoginAvailable)
    return (
      <>
        <h1>Log ind</h1>
        <p>Log ind med din organisations login (OpenID Connect).</p>
        <a className="button button-primary" href="/auth/login">
          Log ind
        </a>
      </>
    );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const result = await devLogin({
      role,
      areas: role === 'caseworker' ? form.getAll('areas').map(String) : [],
      org: String(form.get('org') ?? ''),
      cpr: String(form.get('login-cpr') ?? ''),
    });
    if ('error' in result) setError(result.error);
    else onLogin(result);
  }
  return (
    <>
      <h1>Log ind (udvikling)</h1>
      <div className="alert alert-info">
        <p className="alert-text">
          Udviklingslogin: vælg en rolle, så laver serveren et udviklingstoken. I produktion logger
          man ind med organisationens OpenID Connect-login.
        </p>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          <p className="alert-text">{error}</p>
        </div>
      )}
      <form onSubmit={submit} className="login-form">
        <fieldset>
          <legend className="form-label">Rolle</legend>
          {ROLES.map((r) => (
            <div className="form-group-radio" key={r}>
              <input
                type="radio"
                className="form-radio"
                id={`role-${r}`}
                name="role"
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
              />
              <label htmlFor={`role-${r}`}>{roleLabel(r)}</label>
            </div>
          ))}
        </fieldset>
        {role === 'caseworker' && (
          <fieldset>
            <legend className="form-label">Områder med egen myndighed</legend>
            {AREAS.map((a) => (
              <div className="form-group-checkbox" key={a}>
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={`area-${a}`}
                  name="areas"
                  value={a}
                  defaultChecked={a === 'EMPLOYMENT'}
                />
                <label htmlFor={`area-${a}`}>{areaLabel(a)}</label>
              </div>
            ))}
          </fieldset>
        )}
        {role === 'citizen' ? (
          <div className="form-group">
            <label className="form-label" htmlFor="login-cpr">
              Dit CPR-nummer
            </label>
            <input
              id="login-cpr"
              name="login-cpr"
              className="form-input"
              required
              autoComplete="off"
            />
          </div>
        ) : (
          <div className="form-group">
            <label className="form-label" htmlFor="org">
              Enhed (valgfri)
            </label>
            <input id="org" name="org" className="form-input" defaultValue="Jobcenter Nord" />
          </div>
        )}
        <button type="submit" className="button button-primary">
          Log ind
        </button>
      </form>
    </>
  );
}
