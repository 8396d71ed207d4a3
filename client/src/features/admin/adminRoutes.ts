/** The administration area's pages, one chunk loaded on first use (app/routes.tsx). */
export { RequireAdministrator } from './AdminFrame';
export { AdminUnitsPage } from './AdminUnitsPage';
export { AdminUnitPage } from './AdminUnitPage';
export { AdminPeoplePage } from './AdminPeoplePage';
export { AdminPersonPage } from './AdminPersonPage';
export { ChangePasswordPage, SetPasswordPage } from './AccountPasswordPages';
