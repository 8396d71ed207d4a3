import { CLOSE_CODES } from '@unitroom/shared';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import type { ClosedInfo } from '../../sync/saveTracker';

type Remedy = 'sign-in' | 'reload' | 'retry' | 'home' | 'none';

function explain(code: number): { message: string; detail?: string; remedy: Remedy } {
  switch (code) {
    case CLOSE_CODES.UNAUTHENTICATED:
      return { message: 'Your session has ended, sign in again.', remedy: 'sign-in' };
    case CLOSE_CODES.FORBIDDEN:
      return { message: 'You do not have access to this meeting.', remedy: 'home' };
    case CLOSE_CODES.NOT_FOUND:
      return {
        message: 'This meeting could not be found. It may have been removed.',
        remedy: 'home',
      };
    case CLOSE_CODES.ACCESS_REVOKED:
      return { message: 'You are no longer a member of this unit.', remedy: 'home' };
    case CLOSE_CODES.UPDATE_TOO_LARGE:
      // Reached only by changes far beyond a real meeting's (an offline backlog is taken in up
      // to megabytes); retrying is offered because the server's refusal may have been a moment's.
      return {
        message:
          'Your changes have not been saved to the server: there is too much to take in at once. ' +
          'They are not lost. They are kept in this browser on this computer, but nobody else ' +
          'can see them yet.',
        detail:
          'Do not sign out or clear this browser’s data: that would delete them. Keep working ' +
          'on this computer, and ask your IT support for help getting them onto the server.',
        remedy: 'retry',
      };
    case CLOSE_CODES.CLIENT_TOO_NEW:
      return {
        message: 'This page is newer than the server. Reload the page to carry on.',
        remedy: 'reload',
      };
    case CLOSE_CODES.ORIGIN_NOT_ALLOWED:
      return {
        message:
          'Unitroom was opened from an address it does not accept. Open it from its usual address.',
        remedy: 'home',
      };
    case CLOSE_CODES.FAMILY_CLOSED:
      // [F8] The connection comes back by itself, read-only: what is shown stays live.
      return {
        message:
          'This family was closed by the unit’s consultant social worker, so it is read-only now. ' +
          'Everything recorded is kept; nothing more can be changed unless the family is reopened.',
        remedy: 'none',
      };
    case CLOSE_CODES.DISCUSSION_FINALISED:
      return {
        message:
          'These minutes have been finalised, so your last change was not saved. Reload the page to see the record; corrections go in an addendum.',
        remedy: 'reload',
      };
    case CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID:
    case CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH:
    case CLOSE_CODES.UPDATE_SHAPE_INVALID:
    case CLOSE_CODES.UPDATE_NOT_PERMITTED:
      return {
        message: refusedChangeMessage(code),
        detail:
          'Nobody else saw that change and nothing else was affected. Reload the page to carry ' +
          'on from what everyone sees; if this happens again after an ordinary edit, tell your ' +
          'IT support the time it happened.',
        remedy: 'reload',
      };
    default:
      return {
        message: 'The server stopped the connection to this meeting. Reload the page to try again.',
        remedy: 'reload',
      };
  }
}

/** What the server refused of the last change, in the words of the person who made it. */
function refusedChangeMessage(code: number): string {
  switch (code) {
    case CLOSE_CODES.UPDATE_REMOVES_TOO_MUCH:
      return 'Your last change was not saved: it removed more of other people’s work at once than Unitroom allows in one go.';
    case CLOSE_CODES.UPDATE_NOT_PERMITTED:
      return 'Your last change was not saved: your role in this unit cannot change that part of the family’s work.';
    case CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID:
      return 'Your last change was not saved: it came from this browser as if written by someone else.';
    default:
      return 'Your last change was not saved: the server could not accept its shape.';
  }
}

/**
 * Shown once the server has refused the meeting connection for good (close codes 4400-4499), or
 * has made it read-only because the family was closed.
 */
export function ConnectionRefused({ closed }: { closed: ClosedInfo }) {
  const { sessionEnded } = useAuth();
  const { message, detail, remedy } = explain(closed.code);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__message">{message}</p>
      {detail && <p>{detail}</p>}
      {remedy === 'sign-in' && (
        <button type="button" className="button" onClick={sessionEnded}>
          Sign in again
        </button>
      )}
      {remedy === 'reload' && (
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      )}
      {remedy === 'retry' && (
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      )}
      {remedy === 'home' && <Link to="/">Go to your unit home</Link>}
    </div>
  );
}
