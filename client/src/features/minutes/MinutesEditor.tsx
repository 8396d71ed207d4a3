import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import type { AwarenessUser } from '@unitroom/shared';
import { MINUTES_FRAGMENT, minutesExtensions } from '@unitroom/shared/editor';
import { memo, useEffect, useId, useMemo } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { isHexColour, textColourOn } from '../../ui/colour';
import { MinutesContext, type MinutesContextValue } from './MinutesContext';
import { MinutesToolbar } from './MinutesToolbar';
import { minutesNodeViews } from './nodeViews';

interface MinutesEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  familyId: string;
  familyName: string;
  user: AwarenessUser;
  /** The member may only read this unit's documents. */
  readOnly: boolean;
  /** The server refused the connection, so edits could never be saved. */
  locked: boolean;
  /** The family and its board, for labels and live links. */
  context: MinutesContextValue;
}

/** Like Tiptap's default caret, but the name stays readable on light colours too. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = typeof user['color'] === 'string' ? user['color'] : '';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  // The editor's text is what a screen reader should read; presence lists who is here.
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = colour;
  label.style.color = isHexColour(colour) ? textColourOn(colour) : '';
  label.textContent = typeof user['name'] === 'string' ? user['name'] : '';
  caret.append(label);
  return caret;
}

/** The editable element's own attributes: what assistive technology is told it is. */
function editorAttributes(familyName: string, editable: boolean, hintId: string) {
  return {
    class: 'minutes-editor__content',
    role: 'textbox',
    'aria-label': `Minutes for ${familyName}`,
    'aria-multiline': 'true',
    'aria-readonly': String(!editable),
    'aria-describedby': hintId,
  };
}

/**
 * One family's minutes, in its discussion document `discussion:<meetingId>:<familyId>`. Mount
 * with `key={familyId}`: the Yjs binding is made once per document, so another family needs
 * another editor.
 */
export const MinutesEditor = memo(function MinutesEditor({
  doc,
  provider,
  familyId,
  familyName,
  user,
  readOnly,
  locked,
  context,
}: MinutesEditorProps) {
  const hintId = useId();
  const editable = !readOnly && !locked;
  const nodeViews = useMemo(() => minutesNodeViews(), []);
  const editor = useEditor(
    {
      extensions: [
        ...minutesExtensions({ nodeViews }),
        Collaboration.configure({ document: doc, field: MINUTES_FRAGMENT }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
      ],
      editable,
      editorProps: { attributes: editorAttributes(familyName, editable, hintId) },
    },
    // Building the editor is the heaviest step of opening the room on a slow laptop: only another
    // document, user or family builds another. Whether it may be edited changes in place below.
    [doc, provider, familyId, familyName, user, nodeViews],
  );
  useEffect(() => {
    if (editor.isDestroyed || editor.isEditable === editable) return;
    editor.setOptions({
      editorProps: { attributes: editorAttributes(familyName, editable, hintId) },
    });
    editor.setEditable(editable);
  }, [editor, editable, familyName, hintId]);

  return (
    <div className="minutes-editor">
      {readOnly ? (
        <p id={hintId} className="notice">
          Read only: you can follow the minutes but not change them.
        </p>
      ) : locked ? (
        <p id={hintId} className="notice">
          You cannot change the minutes until the problem described above is sorted out.
        </p>
      ) : (
        <p id={hintId} className="hint">
          Write in any section; the headings are a guide, not a form. Type <kbd>-</kbd> and a space
          for a list. Everyone here sees changes as you type.
        </p>
      )}
      {editable && <MinutesToolbar editor={editor} board={context.board} />}
      <MinutesContext value={context}>
        <EditorContent editor={editor} />
      </MinutesContext>
    </div>
  );
});
