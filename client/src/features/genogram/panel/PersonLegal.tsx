import { type Genogram, type Person, type PersonId } from '@unitroom/shared';
import { useId, useState } from 'react';
import { namesOf } from '../describe';
import {
  FieldGroup,
  SelectControl,
  describedBy,
  firstPersonOf,
  peopleOptions,
} from '../../../ui/fields';
import { Heading, type HeadingLevel } from '../../../ui/Heading';
import type { PanelProps } from './panelTypes';

const EVERY_CHILD = 'every-child';

/**
 * Parental responsibility this person holds, and contact restrictions on them: drawn as badges,
 * recorded separately from biology (a grandmother with a special guardianship order holds PR).
 */
export function PersonLegal({
  person,
  genogram,
  act,
  readOnly,
  level,
}: PanelProps & { person: Person; genogram: Genogram; level: HeadingLevel }) {
  const id = useId();
  const nameOf = namesOf(genogram);
  const name = nameOf(person.id);
  const others = genogram.people.filter((p) => p.id !== person.id);
  const otherOptions = peopleOptions(
    genogram,
    others.map((p) => ({ id: p.id, label: nameOf(p.id) })),
  );
  const firstOther = firstPersonOf(otherOptions);
  const held = genogram.parentalResponsibility.filter((pr) => pr.holder === person.id);
  const restrictions = genogram.contactRestrictions.filter((r) => r.person === person.id);
  const [prChild, setPrChild] = useState<string>(firstOther);
  const [basis, setBasis] = useState('');
  const [restrictedChild, setRestrictedChild] = useState<string>(EVERY_CHILD);
  const [note, setNote] = useState('');
  const basisId = `${id}-basis`;
  const basisHint = 'For example "birth mother" or "special guardianship order".';
  const noteId = `${id}-note`;
  const prChildValue = others.some((p) => p.id === prChild) ? prChild : firstOther;

  return (
    <>
      <Heading level={level} className="heading-s">
        Parental responsibility and contact
      </Heading>
      {held.length === 0 && restrictions.length === 0 && (
        <p className="hint">
          {name} holds no recorded parental responsibility, and has no contact restriction.
        </p>
      )}
      <ul className="panel-links">
        {held.map((pr) => (
          <li key={pr.id}>
            Holds parental responsibility for {nameOf(pr.child)}
            {pr.basis && ` (${pr.basis})`}{' '}
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  act(
                    (c) => c.removeParentalResponsibility(pr.holder, pr.child),
                    `Removed ${name}'s parental responsibility for ${nameOf(pr.child)}`,
                  )
                }
              >
                Remove
                <span className="visually-hidden">
                  {' '}
                  parental responsibility for {nameOf(pr.child)}
                </span>
              </button>
            )}
          </li>
        ))}
        {restrictions.map((restriction) => {
          const child = restriction.child === null ? 'every child' : nameOf(restriction.child);
          return (
            <li key={restriction.id}>
              Contact with {child} is restricted
              {restriction.note && `: ${restriction.note}`}{' '}
              {!readOnly && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    act(
                      (c) => c.removeContactRestriction(restriction.id),
                      `Removed the contact restriction between ${name} and ${child}`,
                    )
                  }
                >
                  Remove<span className="visually-hidden"> contact restriction with {child}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>

      {!readOnly && others.length > 0 && (
        <>
          <fieldset className="fieldset panel-subform">
            <legend className="fieldset__legend">Record parental responsibility</legend>
            <FieldGroup id={`${id}-pr-child`} label="For">
              <SelectControl
                id={`${id}-pr-child`}
                value={prChildValue}
                options={otherOptions}
                onChange={setPrChild}
              />
            </FieldGroup>
            <FieldGroup id={basisId} label="On what basis (optional)" hint={basisHint}>
              <input
                id={basisId}
                className="input"
                type="text"
                autoComplete="off"
                maxLength={200}
                value={basis}
                aria-describedby={describedBy(basisId, basisHint)}
                onChange={(event) => setBasis(event.target.value)}
              />
            </FieldGroup>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                const done = act(
                  (c) =>
                    c.setParentalResponsibility(person.id, prChildValue as PersonId, basis.trim()),
                  `Recorded that ${name} holds parental responsibility for ${nameOf(prChildValue)}`,
                );
                if (done) setBasis('');
              }}
            >
              Record parental responsibility
            </button>
          </fieldset>

          <fieldset className="fieldset panel-subform">
            <legend className="fieldset__legend">Record a contact restriction</legend>
            <FieldGroup id={`${id}-restricted-child`} label="Contact with">
              <SelectControl
                id={`${id}-restricted-child`}
                value={restrictedChild}
                options={[{ value: EVERY_CHILD, label: 'Every child' }, ...otherOptions]}
                onChange={setRestrictedChild}
              />
            </FieldGroup>
            <FieldGroup id={noteId} label="Note (optional)">
              <input
                id={noteId}
                className="input"
                type="text"
                autoComplete="off"
                maxLength={2000}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </FieldGroup>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                const child =
                  restrictedChild === EVERY_CHILD ? null : (restrictedChild as PersonId);
                const done = act(
                  (c) => c.addContactRestriction({ person: person.id, child, note: note.trim() }),
                  `Recorded a contact restriction on ${name}`,
                );
                if (done) setNote('');
              }}
            >
              Record contact restriction
            </button>
          </fieldset>
        </>
      )}
    </>
  );
}
