import type { Editor, JSONContent } from '@tiptap/core';
import type { Board } from '@unitroom/shared';
import { useId, useState } from 'react';
import { conversationText } from './nodeViews';

/**
 * Adds structure where it belongs, wherever the caret is: a decision at the end of the
 * Decisions section, an action at the end of Actions, a live link to a hypothesis or a planned
 * conversation at the end of its section. Without that section (minutes written without the
 * template), at the end of the minutes.
 */
function appendToSection(editor: Editor, kind: string, content: JSONContent): void {
  const { doc } = editor.state;
  let at = doc.content.size;
  let replaceFrom: number | null = null;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'section' || node.attrs['kind'] !== kind) return;
    at = offset + node.nodeSize - 1;
    // The template's single empty paragraph gives way to the first real entry.
    const only = node.childCount === 1 ? node.firstChild : null;
    if (only?.type.name === 'paragraph' && only.content.size === 0) replaceFrom = offset + 1;
  });
  const chain = editor.chain();
  if (replaceFrom !== null) {
    chain.insertContentAt({ from: replaceFrom, to: replaceFrom + 2 }, content);
    at = replaceFrom;
  } else chain.insertContentAt(at, content);
  chain
    .setTextSelection(at + 2)
    .scrollIntoView()
    .focus()
    .run();
}

export function MinutesToolbar({ editor, board }: { editor: Editor; board: Board | null }) {
  const hypothesisSelect = useId();
  const conversationSelect = useId();
  const [hypothesisId, setHypothesisId] = useState('');
  const [conversationId, setConversationId] = useState('');
  const hypotheses = (board?.hypotheses ?? []).filter((h) => h.suggestion !== 'declined');
  const conversations = board?.conversations ?? [];

  return (
    <div className="minutes-toolbar" role="group" aria-label="Add to the minutes">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() =>
          appendToSection(editor, 'decisions', {
            type: 'decision',
            content: [{ type: 'paragraph' }],
          })
        }
      >
        Add a decision
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() =>
          appendToSection(editor, 'actions', {
            type: 'action',
            attrs: { owner: null, due: null, childId: null },
          })
        }
      >
        Add an action
      </button>
      <span className="minutes-toolbar__link">
        <label htmlFor={hypothesisSelect}>Hypothesis from the board</label>
        <select
          id={hypothesisSelect}
          value={hypothesisId}
          onChange={(event) => setHypothesisId(event.target.value)}
        >
          <option value="">Choose…</option>
          {hypotheses.map((h) => (
            <option key={h.id} value={h.id}>
              {h.text}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={hypothesisId === ''}
          onClick={() => {
            appendToSection(editor, 'hypotheses', {
              type: 'paragraph',
              content: [
                { type: 'hypothesisRef', attrs: { hypothesisId } },
                { type: 'text', text: ' ' },
              ],
            });
            setHypothesisId('');
          }}
        >
          Link hypothesis
        </button>
      </span>
      <span className="minutes-toolbar__link">
        <label htmlFor={conversationSelect}>Planned conversation</label>
        <select
          id={conversationSelect}
          value={conversationId}
          onChange={(event) => setConversationId(event.target.value)}
        >
          <option value="">Choose…</option>
          {conversations.map((c) => (
            <option key={c.id} value={c.id}>
              {conversationText(board, c.id)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={conversationId === ''}
          onClick={() => {
            appendToSection(editor, 'conversations', {
              type: 'paragraph',
              content: [
                { type: 'conversationRef', attrs: { conversationId } },
                { type: 'text', text: ' ' },
              ],
            });
            setConversationId('');
          }}
        >
          Link conversation
        </button>
      </span>
    </div>
  );
}
