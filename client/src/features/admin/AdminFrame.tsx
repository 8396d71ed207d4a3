import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../../session/auth';
import { ADMIN_PATH, ADMIN_PEOPLE_PATH } from '../../navigation/paths';
import { PageHeading } from '../../ui/PageHeading';
import './admin.css';

/** The administration area's pages, for deployment administrators only ([A1]). */
export function RequireAdministrator() {
  const { state } = useAuth();
  if (state.status !== 'signed-in' || state.me.user.administrator !== true) {
    return (
      <div className="page">
        <PageHeading>You cannot administer Unitroom</PageHeading>
        <p>Only an administrator of Unitroom can open this page.</p>
        <p>To be given a role in a unit, ask your council’s Unitroom administrator.</p>
      </div>
    );
  }
  return <Outlet />;
}

/** Units and People: the two halves of the administration, one link each. */
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Administration">
      <ul className="admin-nav__list">
        <li>
          <NavLink end to={ADMIN_PATH} className="admin-nav__link">
            Units
          </NavLink>
        </li>
        <li>
          <NavLink to={ADMIN_PEOPLE_PATH} className="admin-nav__link">
            People
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function AdminPage({ children }: { children: ReactNode }) {
  return (
    <div className="page admin">
      <AdminNav />
      {children}
    </div>
  );
}

export function StatusTag({ active, children }: { active: boolean; children: string }) {
  return <strong className={active ? 'tag' : 'tag admin-tag--inactive'}>{children}</strong>;
}
