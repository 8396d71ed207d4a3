import type { FamilyDetail } from '@unitroom/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fetchFamilyDetail } from '../../api/familyLifecycle';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { FamilyLifecycle } from './FamilyLifecycle';

/**
 * The page of a family the home page does not list: a closed family of the asker's unit ([F8]),
 * with its closing summary and, for the consultant, reopening. Anything else reads as not found.
 */
export function ClosedFamily({ familyId }: { familyId: string }) {
  const [detail, setDetail] = useState<FamilyDetail | null | 'missing'>(null);
  useEffect(() => {
    let current = true;
    fetchFamilyDetail(familyId).then(
      (found) => current && setDetail(found),
      () => current && setDetail('missing'),
    );
    return () => {
      current = false;
    };
  }, [familyId]);
  if (detail === null) return <Loading>Opening the family…</Loading>;
  if (detail === 'missing' || detail.status !== 'closed') {
    return (
      <div className="page">
        <PageHeading>Family not found</PageHeading>
        <p>This family does not exist, or it is held by a unit you are not in.</p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <p>
        <Link to="/">Back to your unit home</Link>
      </p>
      <PageHeading>{`${detail.name} (closed)`}</PageHeading>
      <p className="lead">
        This family is closed: its records are kept, read-only. Reopen it for a re-referral.
      </p>
      <FamilyLifecycle familyId={familyId} />
    </div>
  );
}
