import { symbolsInUse, type AwarenessUser, type PersonId } from '@unitroom/shared';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { publishDrag, usePeerState, usePublishSelection } from './awareness';
import { GenogramCanvas } from './canvas/GenogramCanvas';
import { ZOOM_STEP, useViewport } from './canvas/useViewport';
import { namesOf } from './describe';
import type { DialogDone } from './dialogs/PersonDialog';
import { WorkspaceDialog, dialogFor, type DialogState } from './dialogs/WorkspaceDialog';
import { downloadPng, downloadSvg, type ExportInput } from './export/exportGenogram';
import { ErrorSummary } from '../../ui/fields';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { KeyboardHelp } from './KeyboardHelp';
import { Legend } from './legend/Legend';
import { SidePanel } from './panel/SidePanel';
import type { Act } from './panel/panelTypes';
import { selectionExists, type Selection } from './selection';
import { isTyping } from '../../ui/isTyping';
import { COMMANDS, EDIT_COMMANDS, commandForKey, type CommandId } from './shortcuts';
import { TextView } from './TextView';
import { Toolbar, type ToolbarItem } from './Toolbar';
import { useGenogram, useGenogramLayouts, type DragOffset } from './useGenogram';
import { useFocusKeeper } from './useFocusKeeper';
import { useUndoState } from '../../sync/commandEditor';
import { useGenogramEditor } from './useGenogramEditor';
import './genogram.css';

export interface GenogramWorkspaceProps {
  doc: Y.Doc;
  awareness: Awareness;
  user: AwarenessUser;
  familyName: string;
  /** The member may only read (a manager), or the server refused the connection. */
  readOnly: boolean;
  /** The level of the workspace's own headings: 2 under the family page's h1. */
  headingLevel?: HeadingLevel;
  /** Why it is read-only, when not for the member's role (a genogram kept from a past meeting). */
  readOnlyNotice?: string;
  /** Told which person is selected (null for none), so the board beside can follow. */
  onPersonSelected?(personId: PersonId | null): void;
  /** People to mark on the canvas as linked to the hypothesis chosen on the board. */
  highlighted?: ReadonlySet<string>;
  /**
   * A person to open from outside (the chair's, for a member following them), or null for none;
   * their details open without taking the keyboard focus from wherever it is.
   */
  shownPerson?: PersonId | null;
}

const READ_ONLY_MESSAGE = 'You have read-only access to this genogram, so it cannot be changed.';
const EDITING = new Set<CommandId>(EDIT_COMMANDS);

/**
 * A family's genogram: toolbars, the canvas, the side panel, the key and the text view, wired to
 * the family document. Selection and drags are shared live through awareness; every change goes
 * through the shared genogram commands with this workspace's own origin, so undo is per person.
 */
export function GenogramWorkspace({
  doc,
  awareness,
  user,
  familyName,
  readOnly,
  headingLevel = 2,
  readOnlyNotice,
  onPersonSelected,
  highlighted,
  shownPerson,
}: GenogramWorkspaceProps) {
  const genogram = useGenogram(doc);
  const editor = useGenogramEditor(doc, user.id);
  const undoState = useUndoState(editor);
  const peers = usePeerState(awareness);
  const [thisYear] = useState(() => new Date().getFullYear());
  const [selection, setSelection] = useState<Selection | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [status, setStatus] = useState({ text: '', count: 0 });
  const [error, setError] = useState<string | null>(null);
  const [localDrag, setLocalDrag] = useState<DragOffset | null>(null);
  const [lastPerson, setLastPerson] = useState<string | null>(null);

  const stageRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const toolbarsRef = useRef<HTMLDivElement>(null);
  // Where the canvas starts, for a pane too narrow for the details beside it: they cover the
  // canvas below the toolbars rather than squeeze it (see meetingRoom.css).
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const toolbars = toolbarsRef.current;
    if (!body || !toolbars) return;
    const measure = () =>
      body.style.setProperty('--genogram-toolbars-height', `${toolbars.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(toolbars);
    return () => observer.disconnect();
  }, []);
  const personElements = useRef(new Map<string, SVGGElement>());
  const panelHeading = useRef<HTMLHeadingElement>(null);
  /** What had focus when the panel opened (a person, a text view button), to return to. */
  const panelOpener = useRef<HTMLElement | SVGElement | null>(null);
  const textViewId = useId();

  const editable = !readOnly;
  const drags = useMemo(
    () => (localDrag ? [...peers.drags, localDrag] : peers.drags),
    [peers.drags, localDrag],
  );
  const { base: storedLayout, drawn: layout } = useGenogramLayouts(genogram, drags);
  const legend = useMemo(() => symbolsInUse(genogram), [genogram]);
  // A view of part of the family is centred on the children the meeting is about ([FV2]).
  const childrenOfConcern = useMemo(
    () => genogram.people.filter((p) => p.childOfConcern).map((p) => p.id as string),
    [genogram.people],
  );
  const viewport = useViewport(storedLayout, childrenOfConcern);

  // Others delete things, and undo removes them: a selection of something gone is no selection.
  const current = selection && selectionExists(genogram, selection) ? selection : null;
  const selectedPerson = current?.kind === 'person' ? current.id : null;
  const stillThere = (id: string | null) =>
    id !== null && genogram.people.some((p) => p.id === id) ? id : null;
  const firstPerson = layout.rows[0]?.people[0] ?? layout.people[0]?.id ?? null;
  const tabStop = selectedPerson ?? stillThere(lastPerson) ?? firstPerson;
  usePublishSelection(awareness, selectedPerson);
  useEffect(
    () => onPersonSelected?.(selectedPerson as PersonId | null),
    [onPersonSelected, selectedPerson],
  );

  // Applied as the prop changes (during render, React's way to follow a prop into state).
  const [appliedPerson, setAppliedPerson] = useState<PersonId | null | undefined>(undefined);
  if (shownPerson !== appliedPerson) {
    setAppliedPerson(shownPerson);
    if (shownPerson === null) {
      setSelection(null);
      setPanelOpen(false);
    } else if (shownPerson !== undefined) {
      setSelection({ kind: 'person', id: shownPerson });
      setLastPerson(shownPerson);
      setPanelOpen(true);
    }
  }

  const focus = useFocusKeeper({
    personElements,
    panelHeading,
    fallback: () =>
      (tabStop ? personElements.current.get(tabStop) : undefined) ??
      stageRef.current?.querySelector<HTMLElement>('[role="toolbar"] button'),
  });

  const announce = (text: string) => setStatus((s) => ({ text, count: s.count + 1 }));

  const select = (next: Selection | null) => {
    setSelection(next);
    if (next?.kind === 'person') setLastPerson(next.id);
    if (next === null) setPanelOpen(false);
  };

  const act: Act = (action, success) => {
    const outcome = editor.perform(action);
    if (outcome.ok) {
      setError(null);
      announce(success);
      return true;
    }
    setError(outcome.message);
    return false;
  };

  const dialogDone = (done: DialogDone) => {
    setDialog(null);
    setError(null);
    announce(done.message);
    // Otherwise focus goes back to what opened the dialog, or (if that was deleted) to the canvas.
    if (done.focus) {
      select({ kind: 'person', id: done.focus });
      focus.focusPerson(done.focus);
    }
  };

  const openPanel = () => {
    const opener = document.activeElement;
    // Moving within the panel (to a partner, say) keeps the first opener to return to.
    if (
      (opener instanceof HTMLElement || opener instanceof SVGElement) &&
      opener !== document.body &&
      !opener.closest('.genogram-panel')
    )
      panelOpener.current = opener;
    setPanelOpen(true);
    focus.focusPanel();
  };

  const closePanel = () => {
    setPanelOpen(false);
    const opener = panelOpener.current;
    panelOpener.current = null;
    if (opener?.isConnected) focus.focusElement(opener);
    else focus.focusPerson(selectedPerson ?? tabStop);
  };

  const runCommand = (command: CommandId) => {
    if (readOnly && EDITING.has(command)) {
      announce(READ_ONLY_MESSAGE);
      return;
    }
    const opened = dialogFor(command, current);
    if (typeof opened === 'string') {
      setError(opened);
      return;
    }
    if (opened) {
      setDialog(opened);
      return;
    }
    switch (command) {
      case 'undo':
        setError(null);
        announce(editor.undo() ? 'Undone' : 'Nothing of yours to undo');
        break;
      case 'redo':
        setError(null);
        announce(editor.redo() ? 'Redone' : 'Nothing to redo');
        break;
      case 'zoomIn':
        viewport.zoomBy(ZOOM_STEP);
        break;
      case 'zoomOut':
        viewport.zoomBy(1 / ZOOM_STEP);
        break;
      case 'fit':
        viewport.fit();
        break;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || dialog || isTyping(event.target)) return;
    const command = commandForKey(event);
    if (!command) return;
    const inStage = stageRef.current?.contains(event.target as Node) ?? false;
    // Outside the canvas and its toolbars (the panel, the text view) only undo and redo apply.
    if (!inStage && command !== 'undo' && command !== 'redo') return;
    // Held keys repeat; a held N must not open a dialog per repeat.
    if (event.repeat && !['zoomIn', 'zoomOut', 'undo', 'redo'].includes(command)) return;
    event.preventDefault();
    runCommand(command);
  };

  const exportInput = (): ExportInput => ({
    layout: storedLayout,
    genogram,
    legend,
    familyName,
    thisYear,
    dateLabel: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date()),
  });

  const item = (id: CommandId, extra: Partial<ToolbarItem> = {}): ToolbarItem => ({
    id,
    label: COMMANDS[id].label,
    hint: COMMANDS[id].hint,
    ariaKeyShortcuts: COMMANDS[id].aria,
    onActivate: () => runCommand(id),
    ...extra,
  });

  // The row keeps the most-used commands longest (lower `priority`); on a narrow pane the rest
  // move into "More changes", keys unchanged.
  const editItems: ToolbarItem[] = [
    item('addPerson', { priority: 1 }),
    item('addPartner', { priority: 3 }),
    item('addChild', { priority: 2 }),
    item('addParents', { priority: 6 }),
    item('addSibling', { priority: 7 }),
    item('addRelationship', { priority: 9 }),
    item('addHousehold', { priority: 10 }),
    item('addEcomap', { priority: 11 }),
    item('delete', { variant: 'warning', priority: 8 }),
    item('undo', { unavailable: !undoState.canUndo, priority: 4 }),
    item('redo', { unavailable: !undoState.canRedo, priority: 5 }),
  ];
  const zoomItems: ToolbarItem[] = [item('zoomIn'), item('zoomOut'), item('fit')];
  // Downloads are rare: always in a menu (with the editing commands when there are any, so the
  // whole toolbar is one row with one "More" in a meeting room's pane).
  const downloadItems: ToolbarItem[] = [
    {
      id: 'download-svg',
      label: 'Download SVG',
      menuOnly: true,
      onActivate: () => {
        const fileName = downloadSvg(exportInput());
        announce(`Downloaded ${fileName}`);
      },
    },
    {
      id: 'download-png',
      label: 'Download PNG',
      menuOnly: true,
      onActivate: () => {
        downloadPng(exportInput()).then(
          (fileName) => announce(`Downloaded ${fileName}`),
          (reason: unknown) =>
            setError(
              `The PNG could not be made${reason instanceof Error ? ` (${reason.message})` : ''}. Try Download SVG instead.`,
            ),
        );
      },
    },
  ];

  const nameOf = namesOf(genogram);
  const sub = below(headingLevel);

  return (
    <div className="genogram" onKeyDown={onKeyDown} onFocus={focus.onFocus}>
      <Heading level={headingLevel} className="heading-m">
        Genogram
      </Heading>
      <p className="genogram__skip">
        <a
          href={`#${textViewId}`}
          onClick={(event) => {
            event.preventDefault();
            document.getElementById(textViewId)?.focus();
          }}
        >
          Skip to the genogram as text
        </a>
      </p>
      {readOnly && (
        <p className="notice" data-testid="genogram-read-only">
          {readOnlyNotice ??
            'You can look at this genogram, its key and its text view, and download it, but you cannot change it.'}
        </p>
      )}
      <ErrorSummary errors={error ? [{ fieldId: null, message: error }] : []} />

      <div
        ref={bodyRef}
        className={`genogram__body${current && panelOpen ? ' genogram__body--with-panel' : ''}`}
      >
        <div ref={stageRef} className="genogram__stage">
          <div ref={toolbarsRef} className="genogram__toolbars">
            {editable ? (
              <>
                <Toolbar
                  label="Change the genogram"
                  items={[...editItems, ...downloadItems]}
                  fit
                  menuLabel={{ visible: 'More', hidden: 'actions' }}
                />
                <Toolbar label="View" items={zoomItems} />
              </>
            ) : (
              <Toolbar
                label="View and download"
                items={[...zoomItems, ...downloadItems]}
                menuLabel={{ visible: 'Download' }}
              />
            )}
          </div>
          <GenogramCanvas
            layout={layout}
            genogram={genogram}
            thisYear={thisYear}
            familyName={familyName}
            viewport={viewport}
            selection={current}
            tabStop={tabStop}
            peers={peers.selections}
            editable={editable}
            linkedPeople={highlighted}
            personElements={personElements}
            onSelect={select}
            onOpenPanel={openPanel}
            onNudge={(personId, dx, dy) =>
              act((c) => c.setNudge(personId as PersonId, dx, dy), `Moved ${nameOf(personId)}`)
            }
            onDragMove={(drag) => {
              setLocalDrag(drag);
              publishDrag(awareness, drag);
            }}
            onDragEnd={(drag) => {
              publishDrag(awareness, null);
              setLocalDrag(null);
              if (drag)
                act(
                  (c) => c.setNudge(drag.personId as PersonId, drag.dx, drag.dy),
                  `Moved ${nameOf(drag.personId)}`,
                );
            }}
            emptyState={
              <p>
                No one on the genogram yet
                {editable && (
                  <>
                    {' '}
                    —{' '}
                    <button
                      type="button"
                      className="button genogram-canvas__first"
                      aria-keyshortcuts="N"
                      onClick={() => runCommand('addPerson')}
                    >
                      Add the first person <kbd aria-hidden="true">N</kbd>
                    </button>
                  </>
                )}
              </p>
            }
          />
          <p className="genogram__status" role="status" data-testid="genogram-status">
            {status.text}
            {/* Changes the text when the same message repeats, so it is announced again. */}
            {status.count % 2 === 1 ? '\u200b' : ''}
          </p>
          <KeyboardHelp editable={editable} />
        </div>
        {current && panelOpen && (
          <SidePanel
            selection={current}
            genogram={genogram}
            act={act}
            readOnly={readOnly}
            level={sub}
            headingRef={panelHeading}
            onSelect={(next) => {
              select(next);
              focus.focusPanel();
            }}
            onClose={closePanel}
            onDelete={() => setDialog({ type: 'delete', selection: current })}
            onResetPosition={(personId) =>
              act((c) => c.clearNudge(personId as PersonId), `${nameOf(personId)} is back in place`)
            }
            onAddChild={(unionId) =>
              setDialog({ type: 'person', mode: { type: 'child', personId: null, unionId } })
            }
          />
        )}
      </div>

      <Legend entries={legend} level={sub} />
      <TextView
        id={textViewId}
        genogram={genogram}
        layout={layout}
        thisYear={thisYear}
        level={sub}
        onEdit={
          editable
            ? (next) => {
                select(next);
                openPanel();
              }
            : undefined
        }
      />

      {dialog && (
        <WorkspaceDialog
          dialog={dialog}
          genogram={genogram}
          editor={editor}
          onDone={(done) => {
            if (dialog.type === 'delete') setPanelOpen(false);
            dialogDone(done);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
