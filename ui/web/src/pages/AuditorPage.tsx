/** The data protection officer's view: the access log of any citizen, and nothing else. */
import { useState, type FormEvent } from 'react';
import { CitizenAccessLogDocument } from '@hoi/client-kit';
import { AccessLogTable } from '../components/AccessLogTable';
import { Errors } from '../components/Errors';
import { useQuery } from '../useQuery';

export function AuditorPage() {
  const [cpr, setCpr] = useState<string | null>(null);
  const q = useQuery(CitizenAccessLogDocument, cpr ? { cpr, first: 50 } : null);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setCpr(String(new FormData(e.currentTarget).get('cpr') ?? '').trim());
  }
  return (
    <>
      <h1>Adgangslog</h1>
      <form onSubmit={submit} className="cpr-form">
        <div className="form-group">
          <label className="form-label" htmlFor="auditor-cpr">
            Borgerens CPR-nummer
          </label>
          <input id="auditor-cpr" name="cpr" className="form-input" required autoComplete="off" />
        </div>
        <button type="submit" className="button button-primary">
          Vis log
        </button>
      </form>
      <Errors errors={q.errors} />
      {q.data && (
        <AccessLogTable
          log={q.data.citizen.accessLog}
          caption="Adgange til borgerens oplysninger"
        />
      )}
    </>
  );
}
