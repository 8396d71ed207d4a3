import { Link, Route, Routes } from 'react-router';
import { MeetingRoomPage } from '../features/meeting/MeetingRoomPage';
import { SignInPage } from '../features/signin/SignInPage';
import { UnitHomePage } from '../features/home/UnitHomePage';
import { PageHeading } from '../ui/PageHeading';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<UnitHomePage />} />
          {/* The room stays mounted, and connected, while the viewed family changes below it. */}
          <Route path="meetings/:meetingId" element={<MeetingRoomPage />}>
            <Route index />
            <Route path="families/:familyId" />
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
