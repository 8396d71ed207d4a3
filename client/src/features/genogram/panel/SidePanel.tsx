import type { Genogram } from '@unitroom/shared';
import { useId, type Ref } from 'react';
import { namesOf, personName, relationshipTitle, unionTitle } from '../describe';
import { Heading, below, type HeadingLevel } from '../../../ui/Heading';
import type { Selection } from '../selection';
import { EcomapPanel } from './EcomapPanel';
import { HouseholdPanel } from './HouseholdPanel';
import type { Act } from './panelTypes';
import { PersonPanel } from './PersonPanel';
import { RelationshipPanel } from './RelationshipPanel';
import { UnionPanel } from './UnionPanel';

const DELETE_LABELS: Record<Selection['kind'], string> = {
  person: 'Delete person',
  union: 'Delete partnership',
  relationship: 'Delete relationship',
  household: 'Delete household',
  ecomap: 'Delete ecomap entry',
};

interface SidePanelProps {
  selection: Selection;
  genogram: Genogram;
  act: Act;
  readOnly: boolean;
  level: HeadingLevel;
  headingRef: Ref<HTMLHeadingElement>;
  onSelect(selection: Selection): void;
  onClose(): void;
  onDelete(): void;
  onResetPosition(personId: string): void;
  onAddChild(unionId: string): void;
}

/** The details of what is selected, beside the canvas; Escape closes it. */
export function SidePanel(props: SidePanelProps) {
  const { selection, genogram, act, readOnly, level, headingRef, onSelect, onClose, onDelete } =
    props;
  const headingId = useId();
  const nameOf = namesOf(genogram);
  const common = { act, readOnly, onSelect };
  const sub = below(level);

  let title = '';
  let body = null;
  switch (selection.kind) {
    case 'person': {
      const person = genogram.people.find((p) => p.id === selection.id);
      if (!person) return null;
      title = personName(person);
      body = (
        <PersonPanel
          key={person.id}
          person={person}
          genogram={genogram}
          level={sub}
          onResetPosition={() => props.onResetPosition(person.id)}
          {...common}
        />
      );
      break;
    }
    case 'union': {
      const union = genogram.unions.find((u) => u.id === selection.id);
      if (!union) return null;
      title = `Partnership: ${unionTitle(union, nameOf)}`;
      body = (
        <UnionPanel
          key={union.id}
          union={union}
          genogram={genogram}
          level={sub}
          onAddChild={() => props.onAddChild(union.id)}
          {...common}
        />
      );
      break;
    }
    case 'relationship': {
      const relationship = genogram.relationships.find((r) => r.id === selection.id);
      if (!relationship) return null;
      title = `Relationship: ${relationshipTitle(relationship, nameOf)}`;
      body = (
        <RelationshipPanel
          key={relationship.id}
          relationship={relationship}
          genogram={genogram}
          {...common}
        />
      );
      break;
    }
    case 'household': {
      const household = genogram.households.find((h) => h.id === selection.id);
      if (!household) return null;
      title = `Household${household.label ? `: ${household.label}` : ''}`;
      body = (
        <HouseholdPanel key={household.id} household={household} genogram={genogram} {...common} />
      );
      break;
    }
    case 'ecomap': {
      const entry = genogram.ecomap.find((e) => e.id === selection.id);
      if (!entry) return null;
      title = `Ecomap: ${entry.label}`;
      body = <EcomapPanel key={entry.id} entry={entry} genogram={genogram} {...common} />;
      break;
    }
  }

  return (
    <aside
      className="genogram-panel"
      aria-labelledby={headingId}
      data-testid="genogram-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="genogram-panel__header">
        <Heading level={level} id={headingId} className="heading-m" tabIndex={-1} ref={headingRef}>
          {title}
        </Heading>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          Close<span className="visually-hidden"> details</span>
        </button>
      </div>
      {readOnly && <p className="hint">You can read these details but not change them.</p>}
      {body}
      {!readOnly && (
        <button
          type="button"
          className="button button--warning genogram-panel__delete"
          onClick={onDelete}
        >
          {DELETE_LABELS[selection.kind]}
        </button>
      )}
    </aside>
  );
}
