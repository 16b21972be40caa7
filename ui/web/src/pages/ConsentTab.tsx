/**
 * Consent: record what the citizen agreed to share (areas, valid through a date), withdraw it,
 * and the history of every consent with who recorded and withdrew it (a role and a unit).
 */
import { useState, type FormEvent } from 'react';
import {
  ConsentHistoryDocument,
  GiveConsentDocument,
  WithdrawConsentDocument,
  type SectorArea,
} from '@hoi/client-kit';
import { request, type ApiError } from '../api';
import { Errors } from '../components/Errors';
import { AREAS, areaLabel, dateFromToday, day, instant, L, roleLabel } from '../labels';
import { useQuery } from '../useQuery';
import { ScrollTable } from '../components/ScrollTable';

function actor(a: { role: string; unit?: string | null } | null | undefined): string {
  return a ? `${roleLabel(a.role)}${a.unit ? `, ${a.unit}` : ''}` : '–';
}

export function ConsentTab({ cpr }: { cpr: string }) {
  const q = useQuery(ConsentHistoryDocument, { cpr });
  const [writeErrors, setWriteErrors] = useState<readonly ApiError[]>([]);
  const [notice, setNotice] = useState('');
  const history = q.data?.citizen.consentHistory ?? [];
  const active = history.find((c) => c.status === 'ACTIVE');

  async function give(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const areas = form.getAll('areas').map(String) as SectorArea[];
    const r = await request(GiveConsentDocument, {
      cpr,
      areas,
      validUntil: String(form.get('validUntil')),
    });
    setWriteErrors(r.errors);
    if (r.data) setNotice('Samtykket er registreret.');
    q.reload();
  }

  async function withdraw() {
    const r = await request(WithdrawConsentDocument, { cpr });
    setWriteErrors(r.errors);
    if (r.data) setNotice('Samtykket er tilbagekaldt.');
    q.reload();
  }

  return (
    <>
      <h2 tabIndex={-1}>Samtykke</h2>
      <Errors errors={[...q.errors, ...writeErrors]} />
      {notice && (
        <div className="alert alert-success" role="status">
          <p className="alert-text">{notice}</p>
        </div>
      )}
      <p data-testid="consent-status">
        {active
          ? `Aktivt samtykke til ${active.areas.map(areaLabel).join(', ')}, gælder til ${day(active.validUntil)}.`
          : 'Borgeren har intet aktivt samtykke.'}
      </p>
      {active && (
        <button type="button" className="button button-secondary" onClick={() => void withdraw()}>
          Tilbagekald samtykke
        </button>
      )}
      <h3>Registrér samtykke</h3>
      <form onSubmit={give} className="plan-form">
        <fieldset>
          <legend className="form-label">Områder borgeren giver samtykke til at dele</legend>
          {AREAS.map((a) => (
            <div className="form-group-checkbox" key={a}>
              <input
                type="checkbox"
                className="form-checkbox"
                id={`consent-${a}`}
                name="areas"
                value={a}
                defaultChecked
              />
              <label htmlFor={`consent-${a}`}>{areaLabel(a)}</label>
            </div>
          ))}
        </fieldset>
        <div className="form-group">
          <label className="form-label" htmlFor="validUntil">
            Gælder til og med
          </label>
          <input
            id="validUntil"
            name="validUntil"
            type="date"
            className="form-input"
            required
            defaultValue={dateFromToday(365)}
          />
        </div>
        <button type="submit" className="button button-primary">
          Registrér samtykke
        </button>
      </form>
      <h3>Historik</h3>
      {history.length === 0 ? (
        <p>Ingen samtykker.</p>
      ) : (
        <ScrollTable label="Samtykkehistorik">
          <table className="table table--zebra" data-testid="consent-history">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Områder</th>
                <th scope="col">Givet</th>
                <th scope="col">Gælder til</th>
                <th scope="col">Kanal</th>
                <th scope="col">Registreret af</th>
                <th scope="col">Tilbagekaldt</th>
              </tr>
            </thead>
            <tbody>
              {history.map((c) => (
                <tr key={c.id}>
                  <td>{L.ConsentStatus[c.status]}</td>
                  <td>{c.areas.map(areaLabel).join(', ')}</td>
                  <td>{instant(c.givenAt)}</td>
                  <td>{day(c.validUntil)}</td>
                  <td>{L.ConsentChannel[c.channel]}</td>
                  <td>{actor(c.givenBy)}</td>
                  <td>
                    {c.withdrawnAt ? `${instant(c.withdrawnAt)} (${actor(c.withdrawnBy)})` : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
