/**
 * The errors of an answer, in Danish by their `extensions.code`: a source that did not answer
 * is a warning naming the source (the rest of the page holds what the others answered); any
 * other error is an error alert with the catalogue's meaning and what to do.
 */
import type { ApiError } from '../api';
import { errorText, sourceLabel } from '../labels';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  cases: 'sager',
  benefits: 'ydelser',
  interventions: 'indsatser',
  employment: 'beskæftigelse',
  consent: 'samtykke',
  access: 'adgang',
  hoiPlan: 'den samlede plan',
  timeline: 'tidslinjen',
  consentHistory: 'samtykkehistorik',
  accessLog: 'adgangsloggen',
};

/** Shows the errors of one answer (nothing when there are none). */
export function Errors({ errors }: { errors: readonly ApiError[] }) {
  if (errors.length === 0) return null;
  const unavailable = errors.filter((e) => e.extensions?.code === 'SOURCE_UNAVAILABLE');
  const others = errors.filter((e) => e.extensions?.code !== 'SOURCE_UNAVAILABLE');
  const sources = new Map<string, Set<string>>();
  for (const e of unavailable) {
    const name = sourceLabel(e.extensions?.source, e.extensions?.serviceName);
    const field = String(e.path?.[e.path.length - 1] ?? '');
    const fields = sources.get(name) ?? new Set<string>();
    if (FIELD_LABELS[field]) fields.add(FIELD_LABELS[field]);
    sources.set(name, fields);
  }
  const codes = [...new Set(others.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))];
  return (
    <>
      {[...sources].map(([name, fields]) => (
        <div className="alert alert-warning" role="status" key={name} data-testid="source-banner">
          <div className="alert-body">
            <p className="alert-heading">En kilde svarede ikke: {name}</p>
            <p className="alert-text">
              Oplysninger fra {name}
              {fields.size > 0 ? ` (${[...fields].join(', ')})` : ''} mangler lige nu. Resten af
              siden er opdateret. Prøv igen om lidt.
            </p>
          </div>
        </div>
      ))}
      {codes.map((code) => (
        <div className="alert alert-error" role="alert" key={code} data-code={code}>
          <div className="alert-body">
            <p className="alert-heading">Fejl ({code})</p>
            <p className="alert-text">{errorText(code)}</p>
          </div>
        </div>
      ))}
    </>
  );
}
