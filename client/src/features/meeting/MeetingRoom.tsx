import {
  CLOSE_CODES,
  canChair,
  userOrigin,
  colourFor,
  discussionDocName,
  asFamilyId,
  asMeetingId,
  type AwarenessUser,
  type MeetingSummary,
  type UnitMembership,
  type UserSummary,
} from '@unitroom/shared';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { meetingFamilyPath, meetingPath } from '../../navigation/paths';
import {
  combineSyncStatus,
  useDocumentConnection,
  useSyncStatus,
} from '../../sync/documentConnection';
import { useMeetingFocus } from '../../sync/unitChannel';
import { MeetingFamilySurfaces } from '../board';
import { DiscussionWorkspace } from '../minutes';
import { RecordedMinutes } from '../finalisation';
import { PresenceList } from '../presence';
import { agendaFor, followView } from './agenda';
import { AgendaRail } from './AgendaRail';
import { ConnectionRefused } from '../connection';
import { CarriedForward } from '../carryOver';
import { FamilyDiscussion, FamilyFacts } from './FamilyDiscussion';
import { FollowControls } from './FollowControls';
import { MeetingClosedNotice } from './MeetingClosedNotice';
import { RaisedHands } from './RaisedHands';
import { MeetingHeader } from './MeetingHeader';
import { SaveStatus } from '../connection';
import { genogramShown, RoomPanes } from './RoomPanes';
import { useRoomLayout, useWideRoom } from './roomLayout';
import { useChairView } from './useChairView';
import './meetingRoom.css';

interface MeetingRoomProps {
  unit: UnitMembership;
  meeting: MeetingSummary;
  user: UserSummary;
  /** The family named in the URL; undefined means "follow the chair". */
  routeFamilyId: string | undefined;
}

/** Wires the meeting's two live channels to its parts; mount with `key={meeting.id}`. */
export function MeetingRoom({ unit, meeting, user, routeFamilyId }: MeetingRoomProps) {
  const navigate = useNavigate();
  const awarenessUser = useMemo<AwarenessUser>(
    () => ({ id: user.id, name: user.name, role: unit.role, color: colourFor(user.id) }),
    [user.id, user.name, unit.role],
  );
  const connection = useDocumentConnection(meeting.docName, awarenessUser);
  const meetingStatus = useSyncStatus(connection?.saves ?? null);
  const { focus, setFocus, setView, timers, hands, raiseHand, lowerHand, closed } = useMeetingFocus(
    meeting.id,
  );
  const agenda = useMemo(() => agendaFor(meeting, unit.families), [meeting, unit.families]);
  const view = followView(agenda, focus?.familyId ?? null, routeFamilyId);
  // Each family's discussion is a document of its own; the one in view is connected.
  const discussion = useDocumentConnection(
    view.viewed
      ? discussionDocName(asMeetingId(meeting.id), asFamilyId(view.viewed.family.id))
      : null,
    awarenessUser,
  );
  const discussionSync = useSyncStatus(discussion?.saves ?? null);
  // A discussion refused because it was just finalised is no fault and no lost work ([W6]).
  const discussionStatus =
    discussionSync.closed?.code === CLOSE_CODES.DISCUSSION_FINALISED
      ? { ...discussionSync, closed: null }
      : discussionSync;
  // The family document (genogram and board), one connection for the surfaces and the minutes.
  const family = useDocumentConnection(view.viewed?.family.docName ?? null, awarenessUser);
  const status = combineSyncStatus(
    discussion ? [meetingStatus, discussionStatus] : [meetingStatus],
  );

  const { layout, update, toggle } = useRoomLayout(user.id);
  const wide = useWideRoom();
  const room = useRef<HTMLDivElement>(null);
  usePresentation(layout.presenting);
  // The workspace fills the window below the site's header, whatever that header's height.
  useLayoutEffect(() => {
    const element = room.current;
    if (!element) return;
    const measure = () =>
      element.style.setProperty(
        '--room-top',
        `${element.getBoundingClientRect().top + window.scrollY}px`,
      );
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [wide, layout.presenting]);

  const follow = () => {
    if (!view.following) navigate(meetingPath(meeting.id));
  };
  const stopFollowing = () => {
    if (view.viewed) navigate(meetingFamilyPath(meeting.id, view.viewed.family.id));
  };
  // The chair goes where they send everyone, whatever they were looking at.
  const focusEveryone =
    canChair(unit.role) && !unit.readOnly
      ? async (familyId: string) => {
          await setFocus(familyId);
          follow();
        }
      : undefined;

  const viewedId = view.viewed?.family.id ?? null;
  const onChairFamily = viewedId !== null && viewedId === focus?.familyId;
  const sharing = focusEveryone !== undefined && onChairFamily;
  const chairView = useChairView({
    room,
    sharing,
    following: view.following && onChairFamily && !sharing,
    chairView: onChairFamily ? (focus?.view ?? null) : null,
    share: (shared) => {
      if (viewedId) setView(viewedId, shared);
    },
    stopFollowing,
    layout,
    update,
    wide,
  });

  const presentationToggle = (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-pressed={layout.presenting}
      onClick={() => {
        // The shared screen shows the chair's view.
        if (!layout.presenting) follow();
        update({ presenting: !layout.presenting });
      }}
    >
      Presentation mode
    </button>
  );
  const swapToggle = wide && (
    <button
      type="button"
      className="button button--secondary button--small"
      onClick={() => update({ swapped: !layout.swapped })}
    >
      {layout.swapped ? 'Minutes on the right' : 'Minutes on the left'}
    </button>
  );
  const followControls = agenda.length > 0 && (
    <FollowControls view={view} onFollow={follow} onStopFollowing={stopFollowing} />
  );

  return (
    <div
      ref={room}
      className={`meeting ${wide ? 'meeting--workspace' : 'meeting--tabs'}${
        layout.presenting ? ' meeting--presenting' : ''
      }`}
    >
      <MeetingHeader
        meeting={meeting}
        unit={unit}
        status={<SaveStatus state={status.save} />}
        presence={
          <>
            {connection && (
              <PresenceList awareness={connection.provider.awareness} selfId={user.id} />
            )}
            <RaisedHands
              hands={hands}
              selfId={user.id}
              raiseHand={raiseHand}
              lowerHand={focusEveryone && lowerHand}
            />
          </>
        }
        controls={presentationToggle}
      />
      {status.closed && <ConnectionRefused closed={status.closed} />}
      {closed && <MeetingClosedNotice nextMeetingId={closed.nextMeetingId} />}
      <div className="meeting__body">
        <AgendaRail
          meetingId={meeting.id}
          agenda={agenda}
          viewedFamilyId={view.viewed?.family.id ?? null}
          chairFamilyId={view.chair?.family.id ?? null}
          onFocusEveryone={focusEveryone}
        />
        {view.viewed && connection && discussion ? (
          <FamilyDiscussion
            entry={view.viewed}
            timers={timers}
            controls={
              <>
                {followControls}
                {swapToggle}
              </>
            }
          >
            <MeetingFamilySurfaces
              key={`family:${view.viewed.family.id}`}
              family={view.viewed.family}
              connection={family}
              meeting={meeting}
              meetings={unit.meetings}
              unitId={unit.id}
              user={awarenessUser}
              // A guest reads the family, whatever they may do in the meeting ([M6]).
              readOnly={unit.readOnly || unit.guest}
              showGenogram={genogramShown(layout, wide)}
              shown={chairView.shown}
              onOpened={chairView.onOpened}
              arrange={({ genogram, board }) =>
                view.viewed && (
                  <RoomPanes
                    layout={layout}
                    update={update}
                    toggle={toggle}
                    wide={wide}
                    content={{
                      genogram,
                      board,
                      minutes: (
                        <>
                          <FamilyFacts entry={view.viewed} />
                          {discussionSync.dropped?.text && <DroppedAtFinalising />}
                          <CarriedForward
                            // Keys differ from the minutes' below: they are siblings.
                            key={`carried:${view.viewed.family.id}`}
                            familyId={view.viewed.family.id}
                            meetingId={meeting.id}
                          />
                          <RecordedMinutes
                            key={`minutes:${view.viewed.family.id}`}
                            meetingId={meeting.id}
                            family={view.viewed.family}
                            role={unit.role}
                            readOnly={unit.readOnly}
                            minutes={{ doc: discussion.doc, origin: userOrigin(user.id) }}
                          >
                            {(finalised) =>
                              view.viewed && (
                                <DiscussionWorkspace
                                  discussion={discussion}
                                  familyConnection={family}
                                  meetingId={meeting.id}
                                  family={view.viewed.family}
                                  unit={unit}
                                  user={awarenessUser}
                                  meetingAwareness={connection.provider.awareness}
                                  inFocus={view.chair?.family.id === view.viewed.family.id}
                                  finalised={finalised}
                                  locked={status.closed !== null}
                                />
                              )
                            }
                          </RecordedMinutes>
                        </>
                      ),
                    }}
                  />
                )
              }
            />
          </FamilyDiscussion>
        ) : (
          <div className="meeting__discussion">
            {followControls}
            {!view.following && <p>This family is not on this meeting&apos;s agenda.</p>}
          </div>
        )}
      </div>
    </div>
  );
}

/** The shared screen's large type: the whole page scales, so it is set on the root element. */
function usePresentation(presenting: boolean) {
  // Before the room measures where it starts: the header grows with the type.
  useLayoutEffect(() => {
    if (!presenting) return;
    document.documentElement.classList.add('room-presenting');
    return () => document.documentElement.classList.remove('room-presenting');
  }, [presenting]);
}

/** Words typed as the record froze: not in it, said calmly, with what to do. */
function DroppedAtFinalising() {
  return (
    <div className="notice" role="status">
      <p className="notice__message">
        These minutes were approved just as your last words reached the server, so they are not in
        the approved record. They are still on your screen: if they matter, add them as an addendum.
      </p>
    </div>
  );
}
