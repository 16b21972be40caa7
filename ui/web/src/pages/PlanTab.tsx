/**
 * The joint plan: read it, create it when the citizen has none, and add a sub-goal or an
 * agreement in one of the caller's own areas (a consent lets one read, not write).
 */
import { useState, type FormEvent } from 'react';
import {
  AddAgreementDocument,
  AddSubGoalDocument,
  CreateHoiPlanDocument,
  HoiPlanDocument,
  type SectorArea,
} from '@hoi/client-kit';
import { request, type ApiError } from '../api';
import { Errors } from '../components/Errors';
import { PlanView } from '../components/PlanView';
import { areaLabel } from '../labels';
import { useQuery } from '../useQuery';

export function PlanTab({ cpr, ownAreas }: { cpr: string; ownAreas: readonly SectorArea[] }) {
  const q = useQuery(HoiPlanDocument, { cpr });
  const [writeErrors, setWriteErrors] = useState<readonly ApiError[]>([]);
  const [notice, setNotice] = useState('');
  const plan = q.data?.citizen.hoiPlan;

  async function createPlan(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const r = await request(CreateHoiPlanDocument, {
      cpr,
      overallGoal: String(form.get('overallGoal') ?? ''),
    });
    setWriteErrors(r.errors);
    if (r.data) setNotice('Planen er oprettet.');
    q.reload();
  }

  async function addElement(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!plan) return;
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const kind = String(form.get('kind'));
    const area = String(form.get('area')) as SectorArea;
    const text = String(form.get('text') ?? '');
    const date = String(form.get('date') ?? '') || null;
    const base = { planId: plan.id, expectedVersion: plan.version, area, text };
    const r =
      kind === 'SUB_GOAL'
        ? await request(AddSubGoalDocument, { ...base, targetDate: date })
        : await request(AddAgreementDocument, { ...base, dueDate: date });
    setWriteErrors(r.errors);
    if (r.data) {
      setNotice(kind === 'SUB_GOAL' ? 'Delmålet er tilføjet.' : 'Aftalen er tilføjet.');
      formElement.reset();
    }
    q.reload();
  }

  return (
    <>
      <h2 tabIndex={-1}>Samlet plan</h2>
      <Errors errors={[...q.errors, ...writeErrors]} />
      {notice && (
        <div className="alert alert-success" role="status">
          <p className="alert-text">{notice}</p>
        </div>
      )}
      {q.loading && !q.data && <p aria-live="polite">Henter planen …</p>}
      {q.data && !plan && (
        <form onSubmit={createPlan} className="plan-form">
          <p>Borgeren har ingen samlet plan, eller du kan ikke se den.</p>
          <div className="form-group">
            <label className="form-label" htmlFor="overallGoal">
              Overordnet mål (med borgerens egne ord)
            </label>
            <textarea
              id="overallGoal"
              name="overallGoal"
              className="form-input"
              rows={3}
              required
              maxLength={2000}
            />
          </div>
          <button type="submit" className="button button-primary">
            Opret plan
          </button>
        </form>
      )}
      {plan && (
        <>
          <PlanView plan={plan} level={2} />
          <h3>Tilføj til planen</h3>
          {ownAreas.length === 0 ? (
            <p>Du har ikke egen myndighed i et område og kan derfor ikke tilføje noget.</p>
          ) : (
            <form onSubmit={addElement} className="plan-form" aria-label="Tilføj til planen">
              <fieldset>
                <legend className="form-label">Hvad vil du tilføje?</legend>
                <div className="form-group-radio">
                  <input
                    type="radio"
                    className="form-radio"
                    id="kind-agreement"
                    name="kind"
                    value="AGREEMENT"
                    defaultChecked
                  />
                  <label htmlFor="kind-agreement">Aftale</label>
                </div>
                <div className="form-group-radio">
                  <input
                    type="radio"
                    className="form-radio"
                    id="kind-subgoal"
                    name="kind"
                    value="SUB_GOAL"
                  />
                  <label htmlFor="kind-subgoal">Delmål</label>
                </div>
              </fieldset>
              <div className="form-group">
                <label className="form-label" htmlFor="element-area">
                  Område (kun dine egne områder)
                </label>
                <select id="element-area" name="area" className="form-select" required>
                  {ownAreas.map((a) => (
                    <option key={a} value={a}>
                      {areaLabel(a)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor="element-text">
                  Tekst
                </label>
                <textarea
                  id="element-text"
                  name="text"
                  className="form-input"
                  rows={2}
                  required
                  maxLength={2000}
                />
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor="element-date">
                  Dato (frist eller måldato, valgfri)
                </label>
                <input id="element-date" name="date" type="date" className="form-input" />
              </div>
              <button type="submit" className="button button-primary">
                Tilføj
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
