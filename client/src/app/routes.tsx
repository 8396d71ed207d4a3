import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { SignInPage } from '../features/signin/SignInPage';
import { UnitHomePage } from '../features/home/UnitHomePage';
import { MeetingPlanPage } from '../features/planning/MeetingPlanPage';
import { ScheduleMeetingsPage } from '../features/planning/ScheduleMeetingsPage';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';

// The editor, Yjs and ProseMirror are most of the code; sign-in and the unit home load without them.
const loadMeetingRoom = () => import('../features/meeting/MeetingRoomPage');
const MeetingRoomPage = lazy(() =>
  loadMeetingRoom().then((module) => ({ default: module.MeetingRoomPage })),
);

/**
 * The room is where a unit spends its morning and its code is the largest part: once the home
 * page has drawn and the browser is idle, fetch and evaluate it, so that opening the room only
 * has to draw it. A failed fetch is forgotten; opening the room fetches again.
 */
function PrefetchMeetingRoom() {
  useEffect(() => {
    const prefetch = () => void loadMeetingRoom().catch(() => undefined);
    // Safari has no requestIdleCallback: a short timer does the same job there.
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(prefetch, 500);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(prefetch, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }, []);
  return null;
}

const FamilyPage = lazy(() =>
  import('../features/family/FamilyPage').then((module) => ({ default: module.FamilyPage })),
);

const OpenFamilyPage = lazy(() =>
  import('../features/families/OpenFamilyPage').then((module) => ({
    default: module.OpenFamilyPage,
  })),
);

const QuestionBankPage = lazy(() =>
  import('../features/questionBank/QuestionBankPage').then((module) => ({
    default: module.QuestionBankPage,
  })),
);

// The administration area is for a few people and rarely opened: loaded only when it is.
const admin = () => import('../features/admin/adminRoutes');
const RequireAdministrator = lazy(() => admin().then((m) => ({ default: m.RequireAdministrator })));
const AdminUnitsPage = lazy(() => admin().then((m) => ({ default: m.AdminUnitsPage })));
const AdminUnitPage = lazy(() => admin().then((m) => ({ default: m.AdminUnitPage })));
const AdminPeoplePage = lazy(() => admin().then((m) => ({ default: m.AdminPeoplePage })));
const AdminPersonPage = lazy(() => admin().then((m) => ({ default: m.AdminPersonPage })));
const SetPasswordPage = lazy(() => admin().then((m) => ({ default: m.SetPasswordPage })));
const ChangePasswordPage = lazy(() => admin().then((m) => ({ default: m.ChangePasswordPage })));
const adminPage = (page: ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="account/set-password" element={adminPage(<SetPasswordPage />)} />
        <Route element={<RequireAuth />}>
          <Route
            index
            element={
              <>
                <UnitHomePage />
                <PrefetchMeetingRoom />
              </>
            }
          />
          <Route path="meetings/:meetingId/plan" element={<MeetingPlanPage />} />
          <Route path="units/:unitId/schedule" element={<ScheduleMeetingsPage />} />
          {/* The room stays mounted, and connected, while the viewed family changes below it. */}
          <Route
            path="meetings/:meetingId"
            element={
              <Suspense fallback={<Loading>Opening the meeting…</Loading>}>
                <MeetingRoomPage />
              </Suspense>
            }
          >
            <Route index element={null} />
            <Route path="families/:familyId" element={null} />
          </Route>
          <Route
            path="families/:familyId"
            element={
              <Suspense fallback={<Loading>Opening the family…</Loading>}>
                <FamilyPage />
              </Suspense>
            }
          />
          <Route
            path="units/:unitId/families/new"
            element={
              <Suspense fallback={<Loading>Loading…</Loading>}>
                <OpenFamilyPage />
              </Suspense>
            }
          />
          <Route
            path="units/:unitId/question-bank"
            element={
              <Suspense fallback={<Loading>Opening the question bank…</Loading>}>
                <QuestionBankPage />
              </Suspense>
            }
          />
          <Route path="account/password" element={adminPage(<ChangePasswordPage />)} />
          <Route path="admin" element={adminPage(<RequireAdministrator />)}>
            <Route index element={adminPage(<AdminUnitsPage />)} />
            <Route path="units/:unitId" element={adminPage(<AdminUnitPage />)} />
            <Route path="people" element={adminPage(<AdminPeoplePage />)} />
            <Route path="people/:userId" element={adminPage(<AdminPersonPage />)} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

function NotFoundPage() {
  return (
    <div className="page">
      <PageHeading>Page not found</PageHeading>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <Link to="/">Go to your unit home</Link>
      </p>
    </div>
  );
}
