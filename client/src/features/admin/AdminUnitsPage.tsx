import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { API_ERROR_CODES } from '@unitroom/shared';
import { createUnit, listUnits } from '../../api/admin';
import { adminUnitPath } from '../../navigation/paths';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary, type Problem } from '../../ui/ProblemSummary';
import { AdminPage, StatusTag } from './AdminFrame';
import { errorFor, problemFrom, useLoaded } from './forms';

const NAME_CODES: ReadonlySet<string> = new Set([
  API_ERROR_CODES.NAME_MISSING,
  API_ERROR_CODES.NAME_TOO_LONG,
]);
const loadUnits = () => listUnits();

/** `/admin`: every unit of the deployment, and creating one ([A2]). */
export function AdminUnitsPage() {
  const { data: units, failed } = useLoaded('units', loadUnits);
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setProblems([{ field: 'unit-name', message: 'Enter the unit’s name.' }]);
      return;
    }
    setBusy(true);
    try {
      const unit = await createUnit(name);
      await navigate(adminUnitPath(unit.id));
    } catch (error) {
      setProblems([problemFrom(error, (code) => (NAME_CODES.has(code) ? 'unit-name' : undefined))]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminPage>
      <ProblemSummary problems={problems} />
      <PageHeading>Units</PageHeading>
      <p className="lead">
        Each unit holds its families together. Give people a role in a unit from the unit’s page.
      </p>
      {failed && (
        <p className="notice notice--error">The units could not be loaded. Reload the page.</p>
      )}
      {!units && !failed && <Loading>Loading units…</Loading>}
      {units && units.length === 0 && <p>There are no units yet. Create the first one below.</p>}
      {units && units.length > 0 && (
        <DataTable
          caption="Units"
          headers={['Unit', 'Members', 'Status']}
          rows={units}
          rowKey={(unit) => unit.id}
          cells={(unit) => [
            <Link to={adminUnitPath(unit.id)}>{unit.name}</Link>,
            unit.memberCount,
            <StatusTag active={!unit.archived}>{unit.archived ? 'Archived' : 'Active'}</StatusTag>,
          ]}
        />
      )}
      <section className="admin-section" aria-labelledby="create-unit-title">
        <h2 id="create-unit-title" className="heading-m">
          Create a unit
        </h2>
        <form onSubmit={onCreate} noValidate>
          <TextField
            id="unit-name"
            label="Unit name"
            hint="For example, Northgate Unit 4"
            error={errorFor(problems, 'unit-name')}
            value={name}
            onChange={setName}
          />
          <button type="submit" className="button" disabled={busy}>
            Create unit
          </button>
        </form>
      </section>
    </AdminPage>
  );
}
